import { describe, expect, it } from 'vitest';
import { startHarness } from '../../testing/exchange/harness';
import { DEMO_CREDENTIALS } from '../../simulator/server';
import { checkKey } from './keyCheck';

const DAY = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const history = { seed: 4, start: TODAY - 5 * DAY, end: TODAY - 60_000, listedSpot: 2, listedLinear: 2, tradedSpot: 1, tradedLinear: 1, trades: 20, deposits: 1, withdrawals: 1 };
const PERMISSIONS_PATH = { binance: 'apiRestrictions', bybit: 'query-api' } as const;

// Real ccxt against the simulator: the permissions endpoint answers an error that is not about
// the key (not served for this account type, an outage); the key is still proven by a signed read.
describe('checkKey degrades when the permissions endpoint is unavailable', () => {
  for (const exchange of ['binance', 'bybit'] as const) {
    it(`${exchange}: a valid key is accepted with unknown permissions and a warning; a revoked key is still refused`, async () => {
      const h = await startHarness(exchange, { history });
      try {
        h.sim.faults.inject({ kind: 'http', status: 503 }, { match: { exchange, path: PERMISSIONS_PATH[exchange] }, times: Infinity });
        const p = await checkKey(h.adapter);
        expect(p).toMatchObject({ canRead: true, canTrade: null, canWithdraw: null, ipRestricted: null });
        expect(p.warning).toMatch(/did not say what this key may do/);
        // The fallback was a signed read, and it reached the exchange.
        expect(h.sim.requestLog.entries.some((e) => e.status === 200 && /deposit/i.test(e.path))).toBe(true);

        h.sim.revokeKey(DEMO_CREDENTIALS.apiKey);
        await expect(checkKey(h.adapter)).rejects.toMatchObject({ code: 'EXCHANGE_AUTH' });
      } finally {
        await h.close();
      }
    });
  }
});
