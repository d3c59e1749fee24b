import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trade } from '../../shared/domain/types';
import { utcDay } from './aggregates';
import { DexieStore } from './dexie-store';
import { listSymbols, newestTrades, tradeTotals, dailyTotals } from './queries';
import type { TradeCursor, TradeFilter } from './queries';
import { T0, makeBatch, makeCheckpoint, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
const ACCOUNTS = ['acc1', 'acc2'];
let store: DexieStore;
const all: Trade[] = [];

beforeAll(async () => {
  store = new DexieStore(newTestDb());
  for (const accountId of ACCOUNTS) {
    await store.putSyncLog(makeLog(`${accountId}-job#1`, accountId));
    // 300 trades per account over ~3 days; every 4th row shares the previous timestamp (ties across symbols too).
    const trades = range(0, 300).map((n) => makeTrade(n, {
      accountId, symbol: SYMBOLS[n % 3] ?? 'BTC/USDT', tradeId: `${accountId}-${n}`,
      timestamp: T0 + Math.floor(n / 4) * 3_600_000, exchangeRealizedPnl: n % 5 === 0 ? 1 : null,
    }));
    all.push(...trades);
    await store.commitBatch(makeBatch(`${accountId}-b`, trades, {
      accountId, logId: `${accountId}-job#1`,
      // These symbols have trades in this batch: their checkpoints carry rows.
      checkpoints: SYMBOLS.map((s) => makeCheckpoint(accountId, s, '1', { rowCount: 1, lastTimestamp: 1 })),
    }));
  }
});

afterAll(() => store.close());

function expected(filter: TradeFilter): Trade[] {
  return all
    .filter((t) => (filter.accountId === undefined || t.accountId === filter.accountId)
      && (filter.symbol === undefined || t.symbol === filter.symbol)
      && (filter.side === undefined || t.side === filter.side)
      && (filter.from === undefined || t.timestamp >= filter.from)
      && (filter.to === undefined || t.timestamp <= filter.to))
    .sort((a, b) => b.timestamp - a.timestamp || (a.key < b.key ? 1 : -1));
}

async function pageThrough(filter: TradeFilter, limit: number): Promise<Trade[]> {
  const out: Trade[] = [];
  let after: TradeCursor | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await newestTrades(store.db, filter, after === undefined ? { limit } : { limit, after });
    out.push(...page.rows);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('paging did not terminate');
}

describe('newestTrades (keyset paging)', () => {
  const filters: TradeFilter[] = [
    {},
    { accountId: 'acc1' },
    { accountId: 'acc2', symbol: 'ETH/USDT' },
    { symbol: 'SOL/USDT' },
    { side: 'sell' },
    { accountId: 'acc1', side: 'buy', from: T0 + 10 * 3_600_000, to: T0 + 40 * 3_600_000 },
    { symbol: 'BTC/USDT', from: T0 + 5 * 3_600_000 },
  ];
  it.each(filters)('pages through %j in exact order with no gap or repeat', async (filter) => {
    const want = expected(filter);
    expect(want.length).toBeGreaterThan(0);
    expect((await pageThrough(filter, 7)).map((t) => t.key)).toEqual(want.map((t) => t.key));
  });

  it('first page is the newest N', async () => {
    const page = await newestTrades(store.db, { accountId: 'acc1' }, { limit: 100 });
    expect(page.rows.map((t) => t.key)).toEqual(expected({ accountId: 'acc1' }).slice(0, 100).map((t) => t.key));
    expect(page.next).not.toBeNull();
  });
});

describe('totals from the stats tables', () => {
  const brute = (ts: Trade[]): { count: number; volume: number; fees: number; pnl: number } => ({
    count: ts.length, volume: ts.reduce((a, t) => a + t.cost, 0), fees: ts.reduce((a, t) => a + t.feeCost, 0),
    pnl: ts.reduce((a, t) => a + (t.exchangeRealizedPnl ?? 0), 0),
  });

  it.each([
    {}, { accountId: 'acc1' }, { accountId: 'acc2', symbol: 'ETH/USDT' }, { symbol: 'SOL/USDT' },
    { accountId: 'acc1', fromDay: utcDay(T0) + 1, toDay: utcDay(T0) + 1 },
    { symbol: 'BTC/USDT', fromDay: utcDay(T0) + 2 },
  ])('match a brute-force sum for %j', async (filter) => {
    const f = filter as { accountId?: string; symbol?: string; fromDay?: number; toDay?: number };
    const rows = all.filter((t) => (f.accountId === undefined || t.accountId === f.accountId)
      && (f.symbol === undefined || t.symbol === f.symbol)
      && (f.fromDay === undefined || utcDay(t.timestamp) >= f.fromDay)
      && (f.toDay === undefined || utcDay(t.timestamp) <= f.toDay));
    const want = brute(rows);
    const got = await tradeTotals(store.db, f);
    expect(got.count).toBe(want.count);
    expect(got.volume).toBeCloseTo(want.volume, 6);
    expect(got.fees.USDT ?? 0).toBeCloseTo(want.fees, 6);
    expect(got.realizedPnl).toBeCloseTo(want.pnl, 6);
    expect(got.buyCount).toBe(rows.filter((t) => t.side === 'buy').length);
  });

  it('daily series is ascending and sums to the range total', async () => {
    const series = await dailyTotals(store.db, 'acc1', utcDay(T0), utcDay(T0) + 10);
    expect(series.map((d) => d.day)).toEqual([...series.map((d) => d.day)].sort((a, b) => a - b));
    expect(series.reduce((a, d) => a + d.count, 0)).toBe(300);
  });
});

describe('listSymbols', () => {
  it('lists an account’s symbols from its checkpoints', async () => {
    expect(await listSymbols(store.db, 'acc1')).toEqual([...SYMBOLS].sort());
    // A symbol searched in vain has a checkpoint without rows: it is not one of the account's symbols.
    await store.db.checkpoints.put(makeCheckpoint('acc1', 'NEVER/USDT', '0'));
    expect(await listSymbols(store.db, 'acc1')).toEqual([...SYMBOLS].sort());
    expect(await listSymbols(store.db, 'nobody')).toEqual([]);
  });
});
