import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { binanceTodayHistory } from './scenarios';
import { fmtAmount } from './wallets';

/** The real-size Binance scenario: listing, quotes, sold-out bases, balances, exchangeInfo as Binance serves it. */

const sims: Simulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

interface ExchangeInfo {
  rateLimits: { rateLimitType: string; interval: string; intervalNum: number; limit: number }[];
  symbols: { symbol: string; status: string; baseAsset: string; quoteAsset: string }[];
}

describe('binanceTodayHistory', () => {
  it('lists ~2,500 spot symbols in six quotes, ~50 traded in all of them, bases sold to exactly zero', async () => {
    const sim = await startSimulator({ history: binanceTodayHistory({ end: Date.now() - 60_000 }), binanceLimits: { limits: { api: 1200 } } });
    sims.push(sim);
    const truth = sim.groundTruth();
    const info = await (await fetch(`${sim.baseUrl}/api/v3/exchangeInfo`)).json() as ExchangeInfo;
    expect(info.symbols.length).toBe(2_475);
    expect(info.symbols.filter((s) => s.status === 'BREAK').length).toBe(275);
    expect(new Set(info.symbols.map((s) => s.quoteAsset))).toEqual(new Set(['USDT', 'FDUSD', 'BTC', 'ETH', 'BNB', 'BUSD']));
    // A quote asset pairs only with higher-ranked quotes, as Binance lists ETHBTC and never BTCETH.
    expect(info.symbols.some((s) => s.symbol === 'ETHBTC')).toBe(true);
    expect(info.symbols.some((s) => s.symbol === 'BTCETH')).toBe(false);
    // The announced limit is the one enforced (Spot API "Exchange information": rateLimits).
    expect(info.rateLimits[0]).toEqual({ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 1200 });
    const breakOnly = await (await fetch(`${sim.baseUrl}/api/v3/exchangeInfo?symbolStatus=BREAK`)).json() as ExchangeInfo;
    expect(breakOnly.symbols.every((s) => s.status === 'BREAK' && s.quoteAsset === 'BUSD')).toBe(true);

    const perSymbol = new Map<string, number>();
    for (const t of truth.trades) perSymbol.set(`${t.marketType}:${t.symbol}`, (perSymbol.get(`${t.marketType}:${t.symbol}`) ?? 0) + 1);
    expect(perSymbol.size).toBeGreaterThanOrEqual(45);
    expect(perSymbol.size).toBeLessThanOrEqual(60);
    const spot = new Map(truth.markets.filter((m) => m.marketType === 'spot').map((m) => [m.id, m]));
    const tradedQuotes = new Set([...perSymbol.keys()].filter((k) => k.startsWith('spot:')).map((k) => spot.get(k.slice(5))?.quote));
    expect(tradedQuotes).toEqual(new Set(['USDT', 'FDUSD', 'BTC', 'ETH', 'BNB', 'BUSD']));
    expect([...perSymbol.keys()].some((k) => k.startsWith('linear:'))).toBe(true);
    expect(Math.min(...truth.trades.map((t) => t.time))).toBeLessThan(Date.now() - 700 * 86_400_000);

    // Balances: never negative, and the sold-out bases are traded yet exactly 0 (absent from the account).
    const wallets = sim.state.wallets().binanceSpot;
    for (const [asset, amount] of wallets) expect(fmtAmount(amount).startsWith('-'), asset).toBe(false);
    const tradedBases = new Set([...spot.values()].filter((m) => perSymbol.has(`spot:${m.id}`)).map((m) => m.base));
    const soldOut = [...tradedBases].filter((b) => fmtAmount(wallets.get(b) ?? 0) === '0.00000000');
    expect(soldOut.length).toBe(3);
  });

  it('serves the cached symbol list again, and re-renders it when a pair is delisted', async () => {
    const sim = await startSimulator({ history: binanceTodayHistory({ end: Date.now() - 60_000, listedSpot: 400, trades: 500 }) });
    sims.push(sim);
    const symbols = async (): Promise<ExchangeInfo['symbols']> => ((await (await fetch(`${sim.baseUrl}/api/v3/exchangeInfo`)).json()) as ExchangeInfo).symbols;
    const before = await symbols();
    expect(await symbols()).toEqual(before);
    sim.state.delist('ETHUSDT', Date.now() - 1000);
    const after = await symbols();
    expect(after.find((s) => s.symbol === 'ETHUSDT')?.status).toBe('BREAK');
    expect(after.filter((s) => s.status === 'BREAK').length).toBe(before.filter((s) => s.status === 'BREAK').length + 1);
  });
});
