import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, MarketType } from '../../shared/domain/types';
import { normalizeIncome, normalizeMovements, normalizeTrades } from '../../shared/normalize';
import { transactionLog } from '../../simulator/bybit-wire';
import { startHarness, walk, type Harness } from '../../testing/exchange/harness';

/** Simulator -> real ccxt -> adapter -> shared normalizers: every row must come out valid. */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 5, start: now - 50 * DAY, end: now - 60_000, listedSpot: 4, listedLinear: 3, tradedSpot: 2, tradedLinear: 2, trades: 160, deposits: 4, withdrawals: 2 };
const fast = { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } };
const fastBybit = { limits: { execution: 1e6, account: 1e6, transactionLog: 1e6, asset: 1e6, depositRecords: 1e6, user: 1e6, market: 1e6 }, ipLimit: 1e6 };

for (const exchange of ['binance', 'bybit'] as const) {
  describe(`${exchange}: walked rows normalize without rejects`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(exchange, { history, binanceLimits: fast, bybitLimits: fastBybit });
    });
    afterAll(async () => h.close());

    it('trades, income and movements', async () => {
      const markets = await h.adapter.loadMarkets();
      const t = Date.now();
      const truth = h.sim.groundTruth();
      for (const marketType of ['spot', 'linear'] as MarketType[]) {
        const known = new Set(markets.filter((m) => m.marketType === marketType).map((m) => m.symbol));
        const ids = [...new Set(truth.trades.filter((x) => x.marketType === marketType).map((x) => x.symbol))];
        for (const id of ids) {
          const symbol = markets.find((m) => m.marketType === marketType && m.id === id)?.symbol ?? '';
          const res = await walk((cursor: Cursor | null) => h.adapter.fetchTradesPage({ marketType, symbol, cursor, since: history.start - DAY, limit: 100, now: t }), null);
          const out = normalizeTrades(res.rows, { exchange, accountId: 'acc-1', marketType, knownSymbols: known, now: t });
          expect(out.invalid).toEqual([]);
          const expected = truth.trades.filter((x) => x.marketType === marketType && x.symbol === id);
          expect(out.valid).toHaveLength(expected.length);
          expect(out.valid.reduce((s, x) => s + x.amount, 0)).toBeCloseTo(expected.reduce((s, x) => s + Number(x.qty), 0), 6);
          expect(out.valid.every((x) => x.takerOrMaker !== null && x.feeCurrency !== null)).toBe(true);
          if (marketType === 'linear' && exchange === 'binance') expect(out.valid.some((x) => (x.exchangeRealizedPnl ?? 0) !== 0)).toBe(true);
        }
      }
      const symbolsById = new Map(markets.filter((m) => m.marketType === 'linear').map((m) => [m.id, m.symbol]));
      const inc = await walk((cursor) => h.adapter.fetchIncomePage({ marketType: 'linear', cursor, since: history.start - DAY, limit: 50, now: t }), null);
      const income = normalizeIncome(inc.rows, { exchange, accountId: 'acc-1', marketType: 'linear', now: t, symbolsById });
      expect(income.invalid).toEqual([]);
      expect(new Set(income.valid.map((i) => i.key)).size).toBe(income.valid.length);
      if (exchange === 'binance') expect(income.valid).toHaveLength(truth.income.length);
      else expect(inc.rows).toHaveLength(transactionLog(truth.income).length);
      for (const type of ['deposit', 'withdrawal'] as const) {
        const mv = await walk((cursor) => h.adapter.fetchMovementsPage({ type, cursor, since: history.start - DAY, limit: 50, now: t }), null);
        const out = normalizeMovements(mv.rows, { exchange, accountId: 'acc-1', type, now: t });
        expect(out.invalid).toEqual([]);
        expect(out.valid).toHaveLength(truth.movements.filter((m) => m.type === type).length);
        expect(out.valid.every((m) => m.status === 'ok')).toBe(true);
      }
    });
  });
}
