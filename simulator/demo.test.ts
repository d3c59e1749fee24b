import { describe, expect, it } from 'vitest';
import { createAdapter } from '../main/exchange/create-adapter';
import { PassThroughGate } from '../testing/exchange/pass-through-gate';
import { startDemoExchange } from './demo';

describe('demo exchange', () => {
  it('serves a pleasant history to the Binance adapter under the demo id', async () => {
    const demo = await startDemoExchange();
    try {
      const adapter = createAdapter({ accountId: 'demo-1', exchange: 'demo', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: demo.baseUrl, credentials: demo.credentials, gate: new PassThroughGate() });
      expect(adapter.exchange).toBe('demo');
      const markets = await adapter.loadMarkets();
      expect(markets.length).toBe(20);
      const held = await adapter.discoverSymbols({ marketType: 'spot', scope: 'held', hints: [] });
      expect(held.length).toBeGreaterThanOrEqual(3);
      const page = await adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: null, limit: 1000, now: Date.now() });
      expect(page.rows.length).toBeGreaterThan(30);
      expect(page.done).toBe(true);
    } finally {
      await demo.close();
    }
  });

  it('can keep trading while the app runs', async () => {
    const demo = await startDemoExchange({ liveFillsEveryMs: 20 });
    try {
      const adapter = createAdapter({ accountId: 'demo-1', exchange: 'demo', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: demo.baseUrl, credentials: demo.credentials, gate: new PassThroughGate() });
      const count = async () => (await adapter.fetchTradesPage({ marketType: 'spot', symbol: 'BTC/USDT', cursor: null, since: null, limit: 1000, now: Date.now() })).rows.length;
      const before = await count();
      await new Promise((r) => setTimeout(r, 250));
      expect(await count()).toBeGreaterThan(before);
    } finally {
      await demo.close();
    }
  });

  it('refuses the demo id without a base URL', () => {
    expect(() => createAdapter({ accountId: 'd', exchange: 'demo', marketTypes: ['spot'], testnet: false, baseUrl: null, credentials: null, gate: new PassThroughGate() })).toThrow(/base URL/);
  });

  it('testnet uses ccxt sandbox URLs; an override wins', () => {
    const gate = new PassThroughGate();
    expect(() => createAdapter({ accountId: 't', exchange: 'binance', marketTypes: ['spot', 'linear'], testnet: true, baseUrl: null, credentials: null, gate })).not.toThrow();
    expect(() => createAdapter({ accountId: 't', exchange: 'bybit', marketTypes: ['spot', 'linear'], testnet: true, baseUrl: null, credentials: null, gate })).not.toThrow();
  });
});
