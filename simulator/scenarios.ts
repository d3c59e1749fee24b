import type { HistoryOptions } from './history';

const DAY = 86_400_000;

/** Binance's spot quote assets by rank (a base pairs with every quote ranked above it); BUSD pairs are all delisted. */
export const BINANCE_TODAY_QUOTES: readonly string[] = ['USDT', 'FDUSD', 'BTC', 'ETH', 'BNB'];

export interface BinanceTodayOptions {
  seed?: number;
  end: number;
  /** Listed spot symbols that still trade (default 2,200; with one in eight more delisted ~2,500 in all). */
  listedSpot?: number;
  /** Fills in all (default 10,000): two years of spot, the last 80 days of USD-M. */
  trades?: number;
  /** USD-M symbols listed (default one per eight spot ones) and traded (default 4). */
  listedLinear?: number;
  tradedLinear?: number;
  /** Traded bases sold to zero by the end (default 3). */
  soldOut?: number;
}

/**
 * A Binance account shaped like today's exchange, scaled by `listedSpot`: about one listed spot
 * symbol in eight delisted (status BREAK: every BUSD pair since 2024), a handful of those traded
 * before their delisting, ~50 traded symbols at Binance's real ~2,500 listed, quoted in USDT,
 * FDUSD, BTC, ETH and BNB, a few bases sold to zero, and USD-M perpetuals. Spot fills span two
 * years; USD-M fills the last 80 days (Binance serves USD-M userTrades for 6 months and income for 3,
 * `BINANCE_PAGING` in shared/exchanges/binance.ts).
 * The history starts with a deposit of every asset it spends later.
 */
export function binanceTodayHistory(options: BinanceTodayOptions): HistoryOptions {
  const listedSpot = options.listedSpot ?? 2_200;
  const delisted = Math.max(1, Math.round(listedSpot / 8));
  const start = options.end - 2 * 365 * DAY;
  return {
    seed: options.seed ?? 2024,
    start,
    end: options.end,
    listedSpot,
    listedLinear: options.listedLinear ?? Math.round(listedSpot / 8),
    tradedSpot: Math.max(2, Math.round(listedSpot / 50)),
    tradedLinear: options.tradedLinear ?? 4,
    trades: options.trades ?? 10_000,
    deposits: 10,
    withdrawals: 4,
    delistedSpot: { listed: delisted, traded: Math.min(delisted, 3) },
    quotes: BINANCE_TODAY_QUOTES,
    soldOut: options.soldOut ?? 3,
    linearSince: options.end - 80 * DAY,
  };
}
