/**
 * Kline (candlestick) wire facts shared by the market-data client (what to charge the gate) and
 * the loopback simulator (what to serve). Public endpoints, no key.
 *
 * - Binance spot `GET /api/v3/klines` (Spot API docs, "Market Data endpoints > Kline/Candlestick
 *   data"): weight 2; limit default 500, max 1000; rows oldest first:
 *   [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, "0"].
 * - Binance USD-M `GET /fapi/v1/klines` (USD-M Futures docs, "Market Data > Kline/Candlestick
 *   Data"): same rows; limit default 500, max 1500; weight by limit: [1,100) 1, [100,500) 2,
 *   [500,1000] 5, > 1000 10.
 * - Bybit `GET /v5/market/kline` (v5 docs, "Market > Get Kline"): category spot|linear, interval
 *   1,3,5,15,30,60,120,240,360,720,D,W,M; limit [1, 1000], default 200; `result.list` rows
 *   newest first, every field a string: [startTime, open, high, low, close, volume, turnover].
 */

const MINUTE_MS = 60_000;

export const BINANCE_KLINE_PATHS = { spot: '/api/v3/klines', linear: '/fapi/v1/klines' } as const;
export const BYBIT_KLINE_PATH = '/v5/market/kline';

export const KLINE_PAGING = {
  binanceSpot: { defaultLimit: 500, maxLimit: 1000 },
  binanceFutures: { defaultLimit: 500, maxLimit: 1500 },
  bybit: { defaultLimit: 200, maxLimit: 1000 },
} as const;

export const BINANCE_SPOT_KLINE_WEIGHT = 2;

/** USD-M klines weight, by the `limit` sent (default 500). */
export function binanceFuturesKlineWeight(limit: number | undefined): number {
  const l = limit ?? KLINE_PAGING.binanceFutures.defaultLimit;
  if (l < 100) return 1;
  if (l < 500) return 2;
  if (l <= 1000) return 5;
  return 10;
}

/** Binance interval names with a fixed length (1M is calendar months: not served). */
export const BINANCE_INTERVAL_MS: Record<string, number> = {
  '1m': MINUTE_MS, '3m': 3 * MINUTE_MS, '5m': 5 * MINUTE_MS, '15m': 15 * MINUTE_MS, '30m': 30 * MINUTE_MS,
  '1h': 60 * MINUTE_MS, '2h': 120 * MINUTE_MS, '4h': 240 * MINUTE_MS, '6h': 360 * MINUTE_MS, '8h': 480 * MINUTE_MS,
  '12h': 720 * MINUTE_MS, '1d': 1440 * MINUTE_MS, '3d': 3 * 1440 * MINUTE_MS, '1w': 7 * 1440 * MINUTE_MS,
};

/** Bybit interval names with a fixed length (M is calendar months: not served). */
export const BYBIT_INTERVAL_MS: Record<string, number> = {
  '1': MINUTE_MS, '3': 3 * MINUTE_MS, '5': 5 * MINUTE_MS, '15': 15 * MINUTE_MS, '30': 30 * MINUTE_MS,
  '60': 60 * MINUTE_MS, '120': 120 * MINUTE_MS, '240': 240 * MINUTE_MS, '360': 360 * MINUTE_MS, '720': 720 * MINUTE_MS,
  D: 1440 * MINUTE_MS, W: 7 * 1440 * MINUTE_MS,
};
