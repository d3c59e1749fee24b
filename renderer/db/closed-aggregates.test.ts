import { afterEach, describe, expect, it } from 'vitest';
import { aggregateMismatches } from '../../testing/journal/aggregate-mismatches';
import { quarterDaysOf, symbolDayPacksOf } from '../../shared/journal/quarter-pack';
import type { StatsFilter } from '../../shared/journal/stats';
import { closedPosition, seededRandom, spreadHistory, type RandomHistory } from '../../testing/journal/fixtures';
import { zoneClock } from '../../shared/time/zone';
import { deleteAccount, purgeCategory } from './account-admin';
import { readAggregateStats } from './aggregate-queries';
import { DexieStore } from './dexie-store';
import { insertTrades } from './insert-trades';
import { LedgerRebuilder } from './ledger-rebuilder';
import { ledgerTables, newLedgerRow } from './ledger-store';
import { putPositionsKeepingAggregates, replacePairPositions } from './closed-aggregates';
import type { PositionRow } from './records';
import { JournalDb } from './schema';
import { fakeIdbOptions, makeBatch, makeLog, newTestDb, toPositionRowsForTest } from '../../testing/db/test-support';

/**
 * The stored aggregates of closed positions stay equal to computeStats over the stored positions
 * through every writer: sync batches, out-of-order imports and their replays, purges, account
 * deletes and the schema upgrade (real Dexie on fake-indexeddb).
 */

// Kathmandu is +05:45; New York changes to DST on 2025-03-09, inside the histories.
const ZONES = ['UTC', 'Asia/Kathmandu', 'America/New_York', 'Pacific/Chatham'];
const START = Date.UTC(2025, 2, 7);

let store: DexieStore | undefined;
afterEach(() => store?.close());


function acc1Histories(seed: number): RandomHistory[] {
  return [
    spreadHistory(START, seed, 'acc1', 'linear', 150, 173_000),
    spreadHistory(START, seed + 100, 'acc1', 'spot', 120, 411_000),
    spreadHistory(START, seed + 200, 'acc1', 'linear', 90, 97_000, 'ETH/USDT:USDT'),
  ];
}

async function commitLikeASync(s: DexieStore, accountId: string, hs: RandomHistory[], seed: number, tag: string): Promise<void> {
  const rand = seededRandom(seed);
  const logId = `job-${accountId}#1`;
  const over = { accountId, jobId: `job-${accountId}`, logId };
  const trades = hs.flatMap((h) => h.fills).sort((a, b) => a.timestamp - b.timestamp);
  const incomes = hs.flatMap((h) => h.funding);
  let n = 0;
  for (let i = 0; i < trades.length;) {
    const size = 5 + Math.floor(rand() * 40);
    await s.commitBatch(makeBatch(`${tag}-${accountId}-${n++}`, trades.slice(i, i + size), over));
    i += size;
  }
  for (let i = 0; i < incomes.length; i += 17) await s.commitBatch(makeBatch(`${tag}-${accountId}-i${n++}`, [], { ...over, income: incomes.slice(i, i + 17) }));
}

async function newStore(name: string, db: JournalDb = newTestDb(name)): Promise<DexieStore> {
  const s = new DexieStore(db, { now: () => 42 });
  await s.putSyncLog(makeLog('job-acc1#1', 'acc1'));
  await s.putSyncLog(makeLog('job-acc2#1', 'acc2'));
  store = s;
  return s;
}

/** Every mismatch between the aggregates and computeStats over the stored positions, in several zones and selections. */
async function mismatches(db: JournalDb): Promise<string[]> {
  const positions = await db.positions.toArray();
  const out: string[] = [];
  for (const zone of ZONES) {
    const clock = zoneClock(zone);
    const filters: StatsFilter[] = [
      {},
      { accountIds: ['acc1'] },
      { from: clock.startOfDay('2025-03-08'), to: clock.startOfDay('2025-03-11') },
      { from: clock.startOfDay('2025-03-09'), to: clock.startOfDay('2025-03-10'), accountIds: ['acc2', 'acc1'] },
    ];
    for (const filter of filters) {
      const got = await readAggregateStats(db, filter, { timeZone: zone });
      out.push(...aggregateMismatches(got, positions, filter, { timeZone: zone }).map((m) => `${zone} ${JSON.stringify(filter)}: ${m}`));
    }
  }
  const empty = (await db.closedQuarters.toArray()).filter((r) => r.trades === 0).length + (await db.closedSymbolDays.toArray()).filter((r) => r.trades === 0).length;
  if (empty > 0) out.push(`${empty} empty aggregate rows kept`);
  // The day packs the dashboard reads are the quarter rows, packed.
  const byDay = (a: { accountId: string; day: number }, b: { accountId: string; day: number }): number => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.day - b.day);
  const packs = (await db.closedQuarterDays.toArray()).sort(byDay);
  if (JSON.stringify(packs) !== JSON.stringify(quarterDaysOf(await db.closedQuarters.toArray()).sort(byDay))) out.push('day packs differ from the quarter rows');
  const symbolPacks = (await db.closedSymbolDayPacks.toArray()).sort(byDay);
  if (JSON.stringify(symbolPacks) !== JSON.stringify(symbolDayPacksOf(await db.closedSymbolDays.toArray()).sort(byDay))) out.push('day packs differ from the symbol rows');
  return out;
}

describe('aggregates of closed positions (closedQuarters, closedSymbolDays)', () => {
  it('equal computeStats after sync batches of two accounts, in several zones and ranges', async () => {
    const s = await newStore('agg-sync');
    await commitLikeASync(s, 'acc1', acc1Histories(3), 3, 'a');
    await commitLikeASync(s, 'acc2', [spreadHistory(START, 77, 'acc2', 'linear', 140, 611_000)], 4, 'a');
    expect(await s.db.positions.where('[accountId+closedAt]').between(['acc1', -Infinity], ['acc2', Infinity]).count()).toBeGreaterThan(20);
    expect(await mismatches(s.db)).toEqual([]);
  });

  it('stay exact through an out-of-order import, its replay, a purge, a re-sync and an account delete', async () => {
    const s = await newStore('agg-replay');
    const hs = acc1Histories(11);
    const recent = hs.map((h) => ({ ...h, fills: h.fills.slice(Math.floor(h.fills.length / 2)) }));
    await commitLikeASync(s, 'acc1', recent, 5, 'recent');
    await commitLikeASync(s, 'acc2', [spreadHistory(START, 78, 'acc2', 'linear', 100, 611_000)], 6, 'a');
    // An import of the older half, as the CSV import writes it: the pairs go stale, the positions stay as they were.
    await insertTrades(s.db, hs.flatMap((h) => h.fills.slice(0, Math.floor(h.fills.length / 2))), { chunkRows: 40 });
    expect(await mismatches(s.db)).toEqual([]);
    const rebuilder = new LedgerRebuilder(s.db, { delayMs: 0 });
    await rebuilder.runNow();
    expect(await s.db.ledgers.where('status').equals('stale').count()).toBe(0);
    expect(await mismatches(s.db)).toEqual([]);

    await purgeCategory(s.db, 'acc1', 'trades');
    expect(await s.db.closedQuarters.where(':id').between(['acc1'], ['acc1', []]).count()).toBe(0);
    expect(await s.db.closedQuarters.count()).toBeGreaterThan(0);
    expect(await mismatches(s.db)).toEqual([]);
    await commitLikeASync(s, 'acc1', hs, 7, 'resync');
    await rebuilder.runNow();
    expect(await mismatches(s.db)).toEqual([]);
    rebuilder.dispose();

    await deleteAccount(s.db, 'acc2');
    expect(await s.db.closedSymbolDays.where(':id').between(['acc2'], ['acc2', []]).count()).toBe(0);
    expect(await mismatches(s.db)).toEqual([]);
  });

  it('the v8 upgrade builds them from the positions a v7 journal stored', async () => {
    const options = fakeIdbOptions();
    const old = new JournalDb('agg-upgrade', options, 7);
    await old.open();
    const positions = toPositionRowsForTest(acc1Histories(21));
    await old.positions.bulkPut(positions);
    // A v7 journal has a ledger per pair with positions; the dashboard finds its accounts there.
    await old.ledgers.bulkPut([...new Set(positions.map((p) => p.symbol))].map((symbol) => newLedgerRow('acc1', symbol, 'linear')));
    old.close();
    const db = new JournalDb('agg-upgrade', options);
    await db.open();
    expect(await db.closedQuarters.count()).toBeGreaterThan(0);
    expect(await mismatches(db)).toEqual([]);
    db.close();
  });

  it('a rewritten position that held its quarter hour\'s largest win gives way to the next one; a replaced pair leaves no rows', async () => {
    const db = newTestDb('agg-largest');
    await db.open();
    const t = Date.UTC(2025, 5, 1, 10, 3);
    const row = (id: string, netPnl: number, closedAt: number | null = t): PositionRow => ({ ...closedPosition({ id, closedAt, netPnl }), key: id });
    // Async scopes, as the app's writers use: Dexie follows a chain of native awaits only inside one.
    await db.transaction('rw', ledgerTables(db), async () => { await putPositionsKeepingAggregates(db, [row('a', 60), row('b', 40), row('c', -5)]); });
    expect((await db.closedQuarters.toArray()).map((q) => [q.trades, q.largestWin, q.largestLoss])).toEqual([[3, 60, -5]]);
    // A replay made 'a' smaller and reopened 'c': the largest win is recomputed from the positions.
    await db.transaction('rw', ledgerTables(db), async () => { await putPositionsKeepingAggregates(db, [row('a', 10), row('c', 0, null)]); });
    expect((await db.closedQuarters.toArray()).map((q) => [q.trades, q.wins, q.largestWin, q.largestLoss, q.grossLoss])).toEqual([[2, 2, 40, null, 0]]);
    expect((await db.closedSymbolDays.toArray()).map((d) => [d.trades, d.netPnl])).toEqual([[2, 50]]);
    await db.transaction('rw', ledgerTables(db), async () => { await replacePairPositions(db, 'acc1', 'BTC/USDT:USDT', []); });
    expect([await db.closedQuarters.count(), await db.closedSymbolDays.count(), await db.positions.count()]).toEqual([0, 0, 0]);
    db.close();
  });
});
