import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor } from '../../shared/domain/types';
import { isFillRow } from '../../shared/normalize/trades';
import type { Page } from './adapter';
import { field, startHarness, type Harness } from '../../testing/exchange/harness';

/**
 * Fills appended while a sync pages through a symbol: the run plus the next incremental run
 * together hold every fill exactly as the exchange has it, without gaps.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 21, start: now - 30 * DAY, end: now - 10 * 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 1, tradedLinear: 1, trades: 120, deposits: 1, withdrawals: 1 };

async function walkAppending(fetch: (cursor: Cursor | null) => Promise<Page>, start: Cursor | null, afterFirstPage: () => void): Promise<{ ids: string[]; cursor: Cursor | null }> {
  let cursor = start;
  const ids: string[] = [];
  for (let i = 0; i < 500; i++) {
    const page = await fetch(cursor);
    // Funding charges come with Bybit's unfiltered execution list; they are not fills.
    ids.push(...page.rows.filter(isFillRow).map((r) => String(field(r, 'id'))));
    cursor = page.next;
    if (i === 0) afterFirstPage();
    if (page.done) return { ids, cursor };
  }
  throw new Error('did not finish');
}

for (const exchange of ['binance', 'bybit'] as const) {
  describe(`${exchange}: trades appended during a sync`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(exchange, { history, binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } }, bybitLimits: { limits: { execution: 1e6, account: 1e6, transactionLog: 1e6, asset: 1e6, depositRecords: 1e6, user: 1e6, market: 1e6 }, ipLimit: 1e6 } });
    });
    afterAll(async () => h.close());

    for (const [marketType, symbol] of [['spot', 'BTC/USDT'], ['linear', 'BTC/USDT:USDT']] as const) {
      it(`${marketType}: run + incremental run = ground truth`, async () => {
        const runNow = Date.now();
        const fetch = (t: number) => (cursor: Cursor | null) => h.adapter.fetchTradesPage({ marketType, symbol, cursor, since: history.start - DAY, limit: 10, now: t });
        const first = await walkAppending(fetch(runNow), null, () => {
          h.sim.addTrades({ marketType, symbol: 'BTCUSDT', count: 5 });
        });
        await new Promise((r) => setTimeout(r, 5));
        const second = await walkAppending(fetch(Date.now()), first.cursor, () => undefined);
        const truth = h.sim.groundTruth().trades.filter((t) => t.marketType === marketType && t.symbol === 'BTCUSDT').map((t) => (exchange === 'binance' ? String(t.id) : t.execId));
        expect([...new Set([...first.ids, ...second.ids])].sort()).toEqual([...truth].sort());
        expect(h.sim.requestLog.entries.filter((e) => e.status === 404)).toEqual([]);
      });
    }
  });
}
