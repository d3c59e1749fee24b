import type { HistoryOptions } from './history';

const DAY = 86_400_000;

/**
 * A Binance spot account shaped like today's exchange, scaled by `listedSpot`: about one listed
 * spot symbol in eight delisted (status BREAK: every BUSD pair since 2024), a handful of those
 * traded before their delisting, and ~50 traded listed symbols at Binance's real ~2,500.
 * Fills span two years; the history starts with a deposit of every base it sells later.
 */
export function binanceTodayHistory(options: { seed?: number; end: number; listedSpot?: number; trades?: number }): HistoryOptions {
  const listedSpot = options.listedSpot ?? 2_200;
  const delisted = Math.max(1, Math.round(listedSpot / 8));
  return {
    seed: options.seed ?? 2024,
    start: options.end - 2 * 365 * DAY,
    end: options.end,
    listedSpot,
    listedLinear: 0,
    tradedSpot: Math.max(2, Math.round(listedSpot / 50)),
    tradedLinear: 0,
    trades: options.trades ?? 10_000,
    deposits: 10,
    withdrawals: 4,
    delistedSpot: { listed: delisted, traded: Math.min(delisted, 3) },
  };
}
