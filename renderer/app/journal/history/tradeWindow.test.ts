import { describe, expect, it } from 'vitest';
import { newestTrades } from '../../../db/queries';
import { T0, makeTrade, newTestDb, range } from '../../../db/test-support';
import { insertTrades } from '../../../db/insert-trades';
import { atOrAboveBoundary, cursorOf, loadHead, shouldLoadMore } from './tradeWindow';

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
