import { describe, expect, it, vi } from 'vitest';
import { newestTrades } from '../../../db/queries';
import type { JournalDb } from '../../../db/schema';
import { T0, makeTrade, newTestDb, range } from '../../../../testing/db/test-support';
import { insertTrades } from '../../../db/insert-trades';
import {
  EMPTY_WINDOW, aboveRequest, appendPage, atOrAboveBoundary, cursorOf, jumpToDropped, loadBetween, loadHead, nextCursor, placeRows, placementOf,
  prependPage, shouldLoadMore, showHead, windowOffset,
} from './tradeWindow';
import type { Head, TradeWindow } from './tradeWindow';

describe('trade table window', () => {
  it('asks for more only near the loaded end', () => {
    expect(shouldLoadMore(10, 200, true, false)).toBe(false);
    expect(shouldLoadMore(150, 200, true, false)).toBe(true);
    expect(shouldLoadMore(150, 200, true, true)).toBe(false);
    expect(shouldLoadMore(199, 200, false, false)).toBe(false);
  });

  it('orders the boundary like the pages (timestamp desc, key desc)', () => {
    const b = { timestamp: 10, key: 'm' };
    expect(atOrAboveBoundary({ timestamp: 11, key: 'a' }, b)).toBe(true);
    expect(atOrAboveBoundary({ timestamp: 10, key: 'z' }, b)).toBe(true);
    expect(atOrAboveBoundary({ timestamp: 10, key: 'm' }, b)).toBe(true);
    expect(atOrAboveBoundary({ timestamp: 10, key: 'a' }, b)).toBe(false);
    expect(atOrAboveBoundary({ timestamp: 9, key: 'z' }, b)).toBe(false);
  });

  it('live head + keyset tail has no gap and no repeat after rows arrive above the loaded pages', async () => {
    const db = newTestDb('window');
    const filter = { accountId: 'acc1' };
    await insertTrades(db, range(0, 30).map((n) => makeTrade(n)));
    const first = await loadHead(db, filter, null, 10, 100);
    const lastOfHead = first.rows[first.rows.length - 1];
    if (first.next === null || lastOfHead === undefined) throw new Error('expected more pages');
    expect(first.next).toEqual(cursorOf(lastOfHead));
    const boundary = first.next;
    const tail = await newestTrades(db, filter, { limit: 10, after: boundary });

    // A sync adds newer rows and one tied with the boundary's timestamp (sorting above it by key).
    await insertTrades(db, [
      ...range(100, 105).map((n) => makeTrade(n)),
      makeTrade(20, { tradeId: 'zz-tie' }),
    ]);
    const head = await loadHead(db, filter, boundary, 10, 100);
    expect(head.overflow).toBe(false);
    const shown = [...head.rows, ...tail.rows].map((t) => t.key);
    const truth = (await newestTrades(db, filter, { limit: 1000 })).rows.map((t) => t.key);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toEqual(truth.slice(0, shown.length));
    expect(head.rows).toHaveLength(16);
    expect(head.rows[0]?.timestamp).toBe(T0 + 104 * 60_000);
  });

  it('flags overflow when more rows arrived above the boundary than the cap', async () => {
    const db = newTestDb('overflow');
    await insertTrades(db, range(0, 20).map((n) => makeTrade(n)));
    const boundary = cursorOf(makeTrade(15));
    await insertTrades(db, range(100, 110).map((n) => makeTrade(n)));
    expect((await loadHead(db, {}, boundary, 10, 8)).overflow).toBe(true);
    expect((await loadHead(db, {}, boundary, 10, 100)).overflow).toBe(false);
  });
});

describe('sliding window of pages', () => {
  const P = 10;
  const MAX = 30;

  interface View { offset: number; keys: string[] }
  function view(w: TradeWindow, head: Head): View {
    const rows = [...(w.headShown ? head.rows : []), ...w.pages.flatMap((p) => p.rows)];
    return { offset: windowOffset(w, head.rows.length), keys: rows.map((t) => t.key) };
  }

  async function down(db: JournalDb, w: TradeWindow, head: Head): Promise<TradeWindow> {
    const after = nextCursor(w, head.next);
    if (after === null) throw new Error('no more rows');
    const page = await newestTrades(db, {}, { limit: P, after });
    return appendPage(w, after, page.rows, page.next, head.rows.length, MAX);
  }

  async function up(db: JournalDb, w: TradeWindow, head: Head, index: number): Promise<TradeWindow> {
    const request = aboveRequest(w, head.rows.length, index);
    switch (request.kind) {
      case 'none':
        return w;
      case 'head':
        return showHead(w, head.rows.length, MAX);
      case 'between': {
        const between = await loadBetween(db, {}, request.after, request.before, 1000);
        expect(between.overflow).toBe(false);
        return prependPage(w, between.rows, head.rows.length, MAX);
      }
      case 'page': {
        const page = await newestTrades(db, {}, { limit: P, after: request.after });
        return jumpToDropped(w, request.index, page.rows, page.next);
      }
    }
  }

  async function setup(rows: number): Promise<{ db: JournalDb; truth: string[] }> {
    const db = newTestDb(`slide-${rows}`);
    await insertTrades(db, range(0, rows).map((n) => makeTrade(n)));
    return { db, truth: (await newestTrades(db, {}, { limit: rows + 100 })).rows.map((t) => t.key) };
  }

  it('drops the head and top pages past the cap, keeping every row in its place', async () => {
    const { db, truth } = await setup(200);
    const first = await loadHead(db, {}, null, P, 1000);
    let w = await down(db, EMPTY_WINDOW, first);
    expect(w.boundary).toEqual(first.next);
    const boundary = w.boundary;
    if (boundary === null) throw new Error('expected a boundary');
    const head = await loadHead(db, {}, boundary, P, 1000);
    for (let i = 0; i < 8; i++) {
      w = await down(db, w, head);
      const v = view(w, head);
      expect(v.keys.length).toBeLessThanOrEqual(MAX);
      expect(v.keys).toEqual(truth.slice(v.offset, v.offset + v.keys.length));
    }
    expect(w.headShown).toBe(false);
    expect(w.dropped.length).toBeGreaterThan(0);
    expect(view(w, head).offset).toBe(head.rows.length + w.dropped.reduce((n, d) => n + d.count, 0));
  });

  it('loads dropped pages back on the way up, then the head, with no gap or repeat', async () => {
    const { db, truth } = await setup(200);
    const first = await loadHead(db, {}, null, P, 1000);
    let w = await down(db, EMPTY_WINDOW, first);
    const head = await loadHead(db, {}, w.boundary, P, 1000);
    for (let i = 0; i < 10; i++) w = await down(db, w, head);
    const deepestNext = w.next;
    // Walk back up one page at a time, asking for the row just above the window.
    for (let guard = 0; guard < 50 && (view(w, head).offset > 0 || !w.headShown); guard++) {
      w = await up(db, w, head, view(w, head).offset - 1);
      const v = view(w, head);
      expect(v.keys.length).toBeLessThanOrEqual(MAX);
      expect(v.keys).toEqual(truth.slice(v.offset, v.offset + v.keys.length));
    }
    expect(w.headShown).toBe(true);
    expect(view(w, head).offset).toBe(0);
    // The bottom was trimmed on the way up; going down again resumes right below the window.
    expect(w.next).not.toEqual(deepestNext);
    w = await down(db, w, head);
    const v = view(w, head);
    expect(v.keys).toEqual(truth.slice(v.offset, v.offset + v.keys.length));
  });

  it('jumps to a far page instead of walking every page in between, and to the top from the head rows', async () => {
    const { db, truth } = await setup(300);
    const first = await loadHead(db, {}, null, P, 1000);
    let w = await down(db, EMPTY_WINDOW, first);
    const head = await loadHead(db, {}, w.boundary, P, 1000);
    for (let i = 0; i < 20; i++) w = await down(db, w, head);
    const target = head.rows.length + 3 * P + 4;
    expect(aboveRequest(w, head.rows.length, target)).toMatchObject({ kind: 'page', index: 3 });
    w = await up(db, w, head, target);
    let v = view(w, head);
    expect(v.offset).toBe(head.rows.length + 3 * P);
    expect(v.keys).toEqual(truth.slice(v.offset, v.offset + v.keys.length));
    w = await down(db, w, head);
    v = view(w, head);
    expect(v.keys).toEqual(truth.slice(v.offset, v.offset + v.keys.length));

    expect(aboveRequest(w, head.rows.length, 2)).toEqual({ kind: 'head' });
    w = await up(db, w, head, 2);
    expect(w).toMatchObject({ headShown: true, dropped: [], pages: [], next: w.boundary });
    w = await down(db, w, head);
    v = view(w, head);
    expect(v.offset).toBe(0);
    expect(v.keys).toEqual(truth.slice(0, v.keys.length));
  });

  it('a page loaded back includes rows a sync added to it after it was dropped', async () => {
    const { db } = await setup(200);
    const first = await loadHead(db, {}, null, P, 1000);
    let w = await down(db, EMPTY_WINDOW, first);
    const head = await loadHead(db, {}, w.boundary, P, 1000);
    for (let i = 0; i < 6; i++) w = await down(db, w, head);
    const lastDropped = w.dropped[w.dropped.length - 1];
    const firstShown = w.pages[0]?.rows[0];
    if (lastDropped === undefined || firstShown === undefined) throw new Error('expected dropped pages');
    // Older history arrives inside the dropped page's time span (a symbol synced late).
    const inside = makeTrade(0, { symbol: 'ETH/USDT', tradeId: 'late', timestamp: firstShown.timestamp + 30_000 });
    await insertTrades(db, [inside]);
    w = await up(db, w, head, view(w, head).offset - 1);
    expect(w.pages[0]?.rows.map((t) => t.key)).toContain(inside.key);
    expect(w.pages[0]?.rows).toHaveLength(lastDropped.count + 1);
    const truth = (await newestTrades(db, {}, { limit: 1000 })).rows.map((t) => t.key);
    const shown = w.pages.flatMap((p) => p.rows).map((t) => t.key);
    const start = truth.indexOf(shown[0] ?? '');
    expect(shown).toEqual(truth.slice(start, start + shown.length));
  });

  it('flags a page that grew past the cap while dropped', async () => {
    const { db } = await setup(40);
    const after = { timestamp: T0 + 30 * 60_000, key: makeTrade(30).key };
    const before = { timestamp: T0 + 20 * 60_000, key: makeTrade(20).key };
    expect(await loadBetween(db, {}, after, before, 20)).toMatchObject({ overflow: false });
    expect((await loadBetween(db, {}, after, before, 20)).rows).toHaveLength(9);
    expect((await loadBetween(db, {}, after, before, 5)).overflow).toBe(true);
  });

  it('places a window in a longer list; plain arrays start at the top', () => {
    const rows = [makeTrade(1)];
    const showAbove = vi.fn();
    expect(placementOf(placeRows(rows, { offset: 40, showAbove })).offset).toBe(40);
    expect(placementOf([makeTrade(1)]).offset).toBe(0);
  });
});
