import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, MarketType } from '../../../shared/domain/types';
import { transactionLog } from '../../../simulator/bybit-wire';
import { field, infoField, startHarness, walk, type Harness } from '../../../testing/exchange/harness';

const DAY = 86_400_000;
const now = Date.now();
const start = now - 60 * DAY;

describe('Bybit adapter against the simulator (real ccxt over loopback HTTP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('bybit', {
      history: {
        seed: 11, start, end: now - 3_600_000, listedSpot: 5, listedLinear: 4, tradedSpot: 2, tradedLinear: 2, trades: 200,
        exactCounts: { 'spot:ETHUSDT': 120 },
        // Fills exactly on, and 1 ms before, 7-day window edges counted from `start`.
        edgeTimes: [start + 7 * DAY, start + 7 * DAY - 1, start + 21 * DAY],
        deposits: 7, withdrawals: 3,
      },
      bybitLimits: { limits: { execution: 10_000, account: 10_000, transactionLog: 10_000, asset: 10_000, depositRecords: 10_000, user: 10_000, market: 10_000 }, ipLimit: 100_000 },
    });
  });
  afterAll(async () => h.close());

  for (const [marketType, symbol, id] of [['spot', 'BTC/USDT', 'BTCUSDT'], ['spot', 'ETH/USDT', 'ETHUSDT'], ['linear', 'BTC/USDT:USDT', 'BTCUSDT'], ['linear', 'ETH/USDT:USDT', 'ETHUSDT']] as const) {
    it(`walks ${marketType} ${symbol} in 7-day windows x cursor, then incrementally`, async () => {
      const fetch = (cursor: Cursor | null) => h.adapter.fetchTradesPage({ marketType: marketType as MarketType, symbol, cursor, since: start, limit: 20, now: Date.now() });
      const full = await walk(fetch, null);
      const truth = h.sim.groundTruth().trades.filter((t) => t.marketType === marketType && t.symbol === id);
      // Without an execType filter linear pages also carry funding charges; the normalizer keeps them out of fills.
      const fills = full.rows.filter((r) => infoField(r, 'execType') !== 'Funding');
      if (marketType === 'linear') expect(full.rows.length).toBeGreaterThan(fills.length);
      const got = fills.map((r) => String(field(r, 'id'))).sort();
      expect(got).toEqual(truth.map((t) => t.execId).sort());
      expect(new Set(got).size).toBe(got.length);
      expect(fills.every((r) => field(r, 'symbol') === symbol)).toBe(true);
      const added = h.sim.addTrades({ marketType, symbol: id, count: 4 });
      const inc = await walk(fetch, full.cursor);
      const incIds = new Set(inc.rows.map((r) => String(field(r, 'id'))));
      // The settle overlap may re-read a few minutes: duplicates are allowed, gaps are not.
      for (const t of added) expect(incIds.has(t.execId)).toBe(true);
      // Funding charges the walk crosses (a funding time near now) are not fills, as in the full walk.
      for (const r of inc.rows.filter((x) => infoField(x, 'execType') !== 'Funding')) {
        expect(truth.some((t) => t.execId === field(r, 'id')) || added.some((t) => t.execId === field(r, 'id'))).toBe(true);
      }
    });
  }

  it('pages the transaction log (income) oldest first across windows', async () => {
    const t = Date.now();
    const res = await walk((cursor) => h.adapter.fetchIncomePage({ marketType: 'linear', cursor, since: start - DAY, limit: 10, now: t }), null, 2000);
    const got = res.rows.map((r) => String(field(r, 'id'))).sort();
    expect(got).toEqual(transactionLog(h.sim.groundTruth().income).map((r) => r.id).sort());
    expect(new Set(got).size).toBe(got.length);
  });

  it('walks deposits and withdrawals in 30-day windows', async () => {
    const t = Date.now();
    for (const type of ['deposit', 'withdrawal'] as const) {
      const res = await walk((cursor) => h.adapter.fetchMovementsPage({ type, cursor, since: start - DAY, limit: 2, now: t }), null);
      const truth = h.sim.groundTruth().movements.filter((m) => m.type === type);
      const key = type === 'deposit' ? 'id' : 'withdrawId';
      expect(res.rows.map((r) => String(infoField(r, key))).sort()).toEqual(truth.map((m) => m.id).sort());
    }
  });

  it('reads balances and permissions; observes X-Bapi-Limit-* headers per bucket', async () => {
    const bal = await h.adapter.fetchBalances('spot');
    expect(field(field(bal.raw, 'total'), 'USDT')).toBeGreaterThan(0);
    expect(await h.adapter.checkPermissions()).toMatchObject({ canRead: true, canTrade: false, canWithdraw: false, ipRestricted: false });
    const held = await h.adapter.discoverSymbols({ marketType: 'spot', scope: 'held', hints: [] });
    expect(held).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/USDT']));
    const exec = h.gate.observations.filter((o) => o.bucket === 'bybit:execution');
    expect(exec.length).toBeGreaterThan(0);
    expect(exec.every((o) => o.observation.limit === 10_000 && typeof o.observation.remaining === 'number' && typeof o.observation.resetAt === 'number')).toBe(true);
    expect(h.gate.costs.some((c) => c.group === 'bybit:spot')).toBe(true);
    expect(h.gate.costs.some((c) => c.group === 'bybit:linear')).toBe(true);
    expect(h.gate.costs).toHaveLength(h.sim.requestLog.entries.length);
  });
});
