import { afterEach, describe, expect, it } from 'vitest';
import type { Income, Trade } from '../../shared/domain/types';
import { computeJournal } from '../../shared/journal/book';
import { conversionsOf } from '../../shared/journal/conversions';
import { sortFills } from '../../shared/journal/order';
import { randomHistory, seededRandom, spotFill, walletFlow, type RandomHistory } from '../../testing/journal/fixtures';
import type { Position } from '../../shared/journal/types';
import { purgeCategory } from './account-admin';
import { fillPnlFor, pairPositionChunks, pairPositions, rereadFrom } from './derived-queries';
import { DexieStore } from './dexie-store';
import { insertTrades } from './insert-trades';
import { rebuildPair } from './ledger-rebuild';
import { LedgerRebuilder } from './ledger-rebuilder';
import type { PositionRow } from './records';
import type { JournalDb } from './schema';
import { derivedMismatches, makeBatch, makeLog, newTestDb } from '../../testing/db/test-support';

let store: DexieStore;
afterEach(() => store.close());

async function setup(name: string): Promise<DexieStore> {
  store = new DexieStore(newTestDb(name), { now: () => 42 });
  await store.putSyncLog(makeLog());
  return store;
}

/** Two futures pairs and a spot pair of one account. */
function histories(seed: number): RandomHistory[] {
  const a = randomHistory(seed, { fills: 150, marketType: 'linear' });
  const b = randomHistory(seed + 100, { fills: 120, marketType: 'spot' });
  // A second futures symbol: same generator, renamed.
  const c = randomHistory(seed + 200, { fills: 90, marketType: 'linear' });
  // Income keys do not contain the symbol: give the renamed rows their own ids.
  const rename = <T extends Trade | Income>(row: T): T => ({ ...row, symbol: 'ETH/USDT:USDT', key: `${row.key.replace('BTC/USDT:USDT', 'ETH/USDT:USDT')}-eth` });
  return [a, b, { fills: c.fills.map(rename), funding: c.funding.map(rename), realizedIncome: c.realizedIncome.map(rename) }];
}

/** Commits the histories the way a sync does: trades forward in batches, income in batches at random moments. */
async function commitLikeASync(s: DexieStore, hs: RandomHistory[], seed: number, batchSize = 25): Promise<void> {
  const rand = seededRandom(seed);
  const tradeBatches: Trade[][] = [];
  for (const h of hs) for (let i = 0; i < h.fills.length; i += batchSize) tradeBatches.push(h.fills.slice(i, i + batchSize));
  const incomeRows = hs.flatMap((h) => [...h.funding, ...h.realizedIncome]);
  const incomeBatches: Income[][] = [];
  for (let i = 0; i < incomeRows.length; i += 10) incomeBatches.push(incomeRows.slice(i, i + 10));
  let n = 0;
  while (tradeBatches.length + incomeBatches.length > 0) {
    const takeIncome = incomeBatches.length > 0 && (tradeBatches.length === 0 || rand() < 0.3);
    const batch = takeIncome
      ? makeBatch(`b${n++}`, [], { income: incomeBatches.shift() ?? [] })
      : makeBatch(`b${n++}`, tradeBatches.shift() ?? []);
    await s.commitBatch(batch);
  }
}

const byOpening = (a: Position, b: Position) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function strip(rows: readonly PositionRow[]): Position[] {
  return rows.map(({ key: _key, ...p }) => p).sort(byOpening);
}

/** The store's derived rows equal one computeJournal pass over what is stored, pair by pair. */
async function expectMatchesOnePass(db: JournalDb, hs: RandomHistory[]): Promise<void> {
  for (const h of hs) {
    const first = h.fills[0] as Trade;
    const once = computeJournal(h.fills, h.funding);
    const stored = strip(await pairPositions(db, first.accountId, first.symbol));
    expect(stored.map((p) => p.id)).toEqual(once.positions.map((p) => p.id));
    once.positions.forEach((want, i) => {
      const got = stored[i] as Position;
      expect({ ...got, funding: 0, netPnl: 0 }).toEqual({ ...want, funding: 0, netPnl: 0 });
      expect(got.funding).toBeCloseTo(want.funding, 9);
      expect(got.netPnl).toBeCloseTo(want.netPnl, 9);
    });
    const closes = new Map([...once.fills].filter(([, o]) => o.closedQty > 0).map(([k, o]) => [k, o.realizedPnl]));
    expect(await fillPnlFor(db, h.fills)).toEqual(closes);
    const ledger = await db.ledgers.get([first.accountId, first.symbol]);
    expect(ledger?.status).toBe('current');
    expect(ledger?.fills).toBe(h.fills.length);
  }
}

describe('derived positions in commitBatch', () => {
  for (const seed of [1, 2, 3]) {
    it(`a sync's batches keep positions and per-fill P&L equal to a full replay (seed ${seed})`, async () => {
      const s = await setup(`ledger-sync-${seed}`);
      const hs = histories(seed);
      await commitLikeASync(s, hs, seed);
      await expectMatchesOnePass(s.db, hs);
    });
  }

  it('replayed and overlapping batches change nothing derived (exactly once)', async () => {
    const s = await setup('ledger-replay');
    const hs = histories(4);
    await commitLikeASync(s, hs, 4);
    const before = { positions: await s.db.positions.toArray(), fillPnl: await s.db.fillPnl.toArray() };
    // A retry of a stored batch id, and a new batch holding only stored rows.
    await s.commitBatch(makeBatch('b0', hs[0]?.fills.slice(0, 25) ?? []));
    await s.commitBatch(makeBatch('again', hs.flatMap((h) => [...h.fills.slice(10, 60)]), { income: hs[0]?.funding ?? [] }));
    expect({ positions: await s.db.positions.toArray(), fillPnl: await s.db.fillPnl.toArray() }).toEqual(before);
    await expectMatchesOnePass(s.db, hs);
  });

  it('fills older than the last applied one mark the pair stale; a replay makes it exact again', async () => {
    const s = await setup('ledger-stale');
    const hs = histories(5);
    const h = hs[0] as RandomHistory;
    const first = h.fills[0] as Trade;
    await s.commitBatch(makeBatch('late', h.fills.slice(100), { income: h.funding }));
    await s.commitBatch(makeBatch('early', h.fills.slice(0, 100), { income: h.realizedIncome }));
    const stale = await s.db.ledgers.get([first.accountId, first.symbol]);
    expect(stale?.status).toBe('stale');
    expect(await rebuildPair(s.db, first.accountId, first.symbol)).toBe('current');
    await expectMatchesOnePass(s.db, [h]);
    expect(await s.db.ledgers.get([first.accountId, first.symbol])).toMatchObject({ fills: h.fills.length, recentChanges: expect.arrayContaining([expect.objectContaining({ from: -Infinity })]) as unknown });
  });

  it('a replay that sees new rows of its pair land meanwhile stores nothing and says "changed"', async () => {
    const s = await setup('ledger-changed');
    const h = histories(6)[0] as RandomHistory;
    const first = h.fills[0] as Trade;
    await s.commitBatch(makeBatch('late', h.fills.slice(50)));
    await s.commitBatch(makeBatch('early', h.fills.slice(0, 50)));
    let injected = false;
    const outcome = await rebuildPair(s.db, first.accountId, first.symbol, {
      chunkSize: 20,
      pause: async () => {
        if (injected) return;
        injected = true;
        await s.commitBatch(makeBatch('during', [], { income: h.funding }));
      },
    });
    expect(outcome).toBe('changed');
    expect((await s.db.ledgers.get([first.accountId, first.symbol]))?.status).toBe('stale');
    expect(await rebuildPair(s.db, first.accountId, first.symbol)).toBe('current');
    await expectMatchesOnePass(s.db, [h]);
  });

  it('a fill the P&L math refuses stores the rows and marks the pair failed with the reason', async () => {
    const s = await setup('ledger-failed');
    const h = histories(7)[0] as RandomHistory;
    const bad = { ...(h.fills[3] as Trade), price: 0 };
    const result = await s.commitBatch(makeBatch('b', [...h.fills.slice(0, 3), bad]));
    expect(result.inserted.trades).toBe(4);
    const ledger = await s.db.ledgers.get([bad.accountId, bad.symbol]);
    expect(ledger?.status).toBe('failed');
    expect(ledger?.error).toMatch(/cannot be used/);
    expect(await rebuildPair(s.db, bad.accountId, bad.symbol)).toBe('failed');
  });

  it('the background rebuilder replays every stale pair (CSV import of older history, purge and re-sync)', async () => {
    const s = await setup('ledger-rebuilder');
    const hs = histories(8);
    const h = hs[0] as RandomHistory;
    await s.commitBatch(makeBatch('recent', h.fills.slice(80), { income: h.funding }));
    // An import of the older part, as the CSV import writes it.
    await insertTrades(s.db, h.fills.slice(0, 80), { chunkRows: 30 });
    const rebuilder = new LedgerRebuilder(s.db, { delayMs: 0 });
    await rebuilder.runNow();
    await expectMatchesOnePass(s.db, [h]);

    // Purging trades keeps the funding; the re-synced fills are replayed with it.
    await purgeCategory(s.db, 'acc1', 'trades');
    expect(await s.db.positions.count()).toBe(0);
    await s.commitBatch(makeBatch('resync', h.fills));
    await rebuilder.runNow();
    await expectMatchesOnePass(s.db, [h]);
    rebuilder.dispose();
  });
});

describe('converts and dust in the spot books (commitBatch)', () => {
  const buy = spotFill({ id: 2, t: 200, side: 'buy', price: 40_000, amount: 0.01, fee: 0.4 });
  const sell = spotFill({ id: 3, t: 300, side: 'sell', price: 60_000, amount: 0.025, fee: 1.5 });
  const convert = walletFlow({ kind: 'convert', id: 'c1', t: 100, legs: [['USDT', -1000], ['BTC', 0.02]] });
  const dust = walletFlow({ kind: 'dust', id: 'd1', t: 400, legs: [['BTC', -0.005], ['USDT', -0.01], ['BNB', 0.0009]] });

  async function expectHandChecked(s: DexieStore): Promise<void> {
    // Bought 0.02 by convert @50,000 and 0.01 on spot @40,000, sold 0.025 @60,000: 200 + 100 realized; dust left the rest at cost.
    const [p] = await pairPositions(s.db, 'acc1', 'BTC/USDT');
    expect(p).toMatchObject({ id: convert.key, status: 'closed', closedAt: 400, openQty: 0, fillCount: 4 });
    expect(p?.realizedPnl).toBeCloseTo(300, 9);
    expect(p?.netPnl).toBeCloseTo(298.1, 9);
    expect(p?.dustQty).toBeCloseTo(0.005, 12);
    expect((await fillPnlFor(s.db, [sell])).get(sell.key)).toBeCloseTo(300, 9);
    expect(await derivedMismatches(s.db)).toEqual([]);
  }

  it('in time order they are applied in the batch transaction', async () => {
    const s = await setup('ledger-convert-forward');
    await s.commitBatch(makeBatch('c', [], { flows: [convert] }));
    await s.commitBatch(makeBatch('t', [buy, sell]));
    await s.commitBatch(makeBatch('d', [], { flows: [dust] }));
    expect((await s.db.ledgers.get(['acc1', 'BTC/USDT']))?.status).toBe('current');
    await expectHandChecked(s);
    // A convert re-sent (an overlapping window) changes nothing.
    const before = await s.db.positions.toArray();
    await s.commitBatch(makeBatch('again', [], { flows: [convert, dust] }));
    expect(await s.db.positions.toArray()).toEqual(before);
  });

  it('a convert older than the last applied fill (wallet streams sync after fills) marks the pair stale; the replay includes it', async () => {
    const s = await setup('ledger-convert-stale');
    await s.commitBatch(makeBatch('t', [buy, sell]));
    await s.commitBatch(makeBatch('w', [], { flows: [convert, dust] }));
    expect((await s.db.ledgers.get(['acc1', 'BTC/USDT']))?.status).toBe('stale');
    expect(await rebuildPair(s.db, 'acc1', 'BTC/USDT', { chunkSize: 1 })).toBe('current');
    await expectHandChecked(s);
  });

  it('a seeded spot history with converts and dust, committed like a sync and replayed in chunks, equals one pass', async () => {
    const s = await setup('ledger-convert-random');
    const h = randomHistory(11, { fills: 120, marketType: 'spot' });
    const rand = seededRandom(11);
    const flows = Array.from({ length: 12 }, (_, i) => {
      const t = (h.fills[Math.floor(rand() * h.fills.length)]?.timestamp ?? 0) + (i % 2);
      return i % 3 === 2
        ? walletFlow({ kind: 'dust', id: `d${i}`, t, legs: [['BTC', -0.01], ['BNB', 0.001]] })
        : walletFlow({ kind: 'convert', id: `c${i}`, t, legs: i % 3 === 0 ? [['USDT', -100], ['BTC', 1]] : [['BTC', -0.5], ['USDT', 55]] });
    });
    await commitLikeASync(s, [h], 11);
    await s.commitBatch(makeBatch('flows', [], { flows }));
    expect(await rebuildPair(s.db, 'acc1', 'BTC/USDT', { chunkSize: 7 })).toBe('current');
    expect(await derivedMismatches(s.db)).toEqual([]);
    const conv = conversionsOf(flows);
    const once = computeJournal(sortFills([...h.fills, ...conv.fills]), [], {}, conv.writeOffs);
    expect(strip(await pairPositions(s.db, 'acc1', 'BTC/USDT'))).toEqual(once.positions);
  });
});

describe('derived reads', () => {
  it('rereadFrom: only positions a reader missed, or the whole pair when it fell too far behind', () => {
    const row = { revision: 5, recentChanges: [{ revision: 4, from: 300 }, { revision: 5, from: 200 }] };
    expect(rereadFrom(row as never, 5)).toBe(Infinity);
    expect(rereadFrom(row as never, 4)).toBe(200);
    expect(rereadFrom(row as never, 3)).toBe(200);
    expect(rereadFrom(row as never, 2)).toBeNull();
  });

  it('positions read in chunks keep whole openedAt groups and equal one read', async () => {
    const s = await setup('ledger-chunks');
    const h = histories(10)[0] as RandomHistory;
    await commitLikeASync(s, [h], 10);
    const all = await s.db.positions.where('[accountId+symbol+openedAt]').between(['acc1', 'BTC/USDT:USDT', -Infinity], ['acc1', 'BTC/USDT:USDT', Infinity]).toArray();
    const chunks: PositionRow[][] = [];
    for await (const c of pairPositionChunks(s.db, 'acc1', 'BTC/USDT:USDT', -Infinity, 2)) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.flat().map((p) => p.id)).toEqual(all.map((p) => p.id));
  });

  it('fillPnlFor returns only closing fills of the asked trades, across chunk boundaries', async () => {
    const s = await setup('ledger-fillpnl');
    const h = histories(9)[1] as RandomHistory;
    await commitLikeASync(s, [h], 9, 7);
    const once = computeJournal(h.fills);
    const page = h.fills.slice(30, 64);
    const want = new Map(page.filter((f) => (once.fills.get(f.key)?.closedQty ?? 0) > 0).map((f) => [f.key, once.fills.get(f.key)?.realizedPnl]));
    expect(want.size).toBeGreaterThan(3);
    expect(await fillPnlFor(s.db, page)).toEqual(want);
  });
});
