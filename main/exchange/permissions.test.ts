import { describe, expect, it } from 'vitest';
import { startHarness } from '../../testing/exchange/harness';

const DAY = 86_400_000;
// Anchored to the UTC day: the generator draws a random number per 8-hour funding boundary, so a
// history relative to Date.now() would draw differently depending on the time of day, and whether
// a USD-M position is still open at the end (which the discovery test needs) would change with it.
const TODAY = Math.floor(Date.now() / DAY) * DAY;
const history = { seed: 4, start: TODAY - 20 * DAY, end: TODAY - 60_000, listedSpot: 3, listedLinear: 3, tradedSpot: 1, tradedLinear: 3, trades: 90, deposits: 1, withdrawals: 1 };
const tradingKey = { apiKey: 'tradingKey42', secret: 'tradingSecret42', canTrade: true, canWithdraw: true, ipRestricted: true };

describe('checkPermissions reports what the key may do', () => {
  for (const exchange of ['binance', 'bybit'] as const) {
    it(`${exchange}: a trading + withdrawal key restricted to an IP`, async () => {
      const h = await startHarness(exchange, { history, keys: [tradingKey] }, { credentials: { apiKey: tradingKey.apiKey, secret: tradingKey.secret } });
      try {
        const p = await h.adapter.checkPermissions();
        expect(p).toMatchObject({ canRead: true, canTrade: true, canWithdraw: true, ipRestricted: true, marketTypes: ['spot', 'linear'] });
        expect(p.checkedAt).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    });
  }

  it('binance: linear symbols with an open position are discovered, hints are kept, unknown hints dropped', async () => {
    const h = await startHarness('binance', { history });
    try {
      const open = [...h.sim.state.history.tapes.values()].filter((t) => t.market.marketType === 'linear' && t.openPosition().qty !== 0).map((t) => `${t.market.base}/USDT:USDT`);
      expect(open.length).toBeGreaterThan(0);
      const found = await h.adapter.discoverSymbols({ marketType: 'linear', scope: 'held', hints: ['ETH/USDT:USDT', 'ZZZ/USDT:USDT'] });
      expect(found).toEqual([...new Set([...open, 'ETH/USDT:USDT'])].sort());
      const all = await h.adapter.discoverSymbols({ marketType: 'linear', scope: 'all', hints: [] });
      expect(all).toHaveLength(3);
      expect(h.adapter.buckets().map((b) => [b.bucket, b.limit, b.kind])).toEqual([['binance:api', 6000, 'fixed'], ['binance:fapi', 2400, 'fixed'], ['binance:sapi', 12000, 'fixed'], ['binance:sapi-uid', 180000, 'fixed']]);
    } finally {
      await h.close();
    }
  });
});
