import type { Exchange } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/exchange/harness';
import { callScope, requestScope, type CallScope, type RequestScope } from './capture';

/**
 * Anything created while a request runs (its timeout timer, a keep-alive socket) keeps that
 * request's AsyncLocalStorage stores for as long as it lives. The stores must not keep the
 * response once the call returned: at 1M trades they held ~100 pages (docs/BENCHMARKS.md,
 * "Engine memory at 1,000,000 trades").
 */

const DAY = 86_400_000;
const history = { seed: 3, start: Date.now() - 30 * DAY, end: Date.now() - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 1, trades: 60, deposits: 1, withdrawals: 1 };

/** Records the stores seen while ccxt reads each response (handleErrors runs inside the request). */
function recordScopes(h: Harness): { requests: RequestScope[]; calls: CallScope[] } {
  const ex = (h.adapter as unknown as { ex: Exchange }).ex;
  const seen = { requests: [] as RequestScope[], calls: [] as CallScope[] };
  const inner = ex.handleErrors.bind(ex);
  ex.handleErrors = (...args: Parameters<Exchange['handleErrors']>) => {
    const request = requestScope.getStore();
    const call = callScope.getStore();
    if (request !== undefined) seen.requests.push(request);
    if (call !== undefined) seen.calls.push(call);
    return inner(...args);
  };
  return seen;
}

for (const exchange of ['binance', 'bybit'] as const) {
  describe(`${exchange}: request scopes do not keep responses`, () => {
    let h: Harness | null = null;
    afterEach(async () => {
      await h?.close();
      h = null;
    });

    it('a trades page is returned while the stores its request ran under are empty again', async () => {
      h = await startHarness(exchange, { history });
      const seen = recordScopes(h);
      const page = await h.adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: history.start, limit: 50, now: Date.now() });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(seen.requests.length).toBeGreaterThan(0);
      expect(seen.calls.length).toBeGreaterThan(0);
      for (const r of seen.requests) expect(r.capture).toBeNull();
      for (const c of seen.calls) expect(c.captures).toBeNull();
    });
  });
}
