import type { MarketType } from '../shared/domain/types';
import type { SimState } from './state';
import type { SimMarket, SimTrade } from './types';
import { firstIndexAtLeast } from '../shared/sorted';

/**
 * Candles consistent with the simulator's fills: every fill lies within the high/low of its
 * candle. Between fills the price moves linearly from one fill's price to the next (flat before
 * the first and after the last); each candle opens at that path's price at its open time, closes
 * at its price at its close time (so a candle opens where the previous one closed), and reaches
 * past its extremes by a deterministic wick of up to 0.2% (a hash of the market and the time).
 * The wire formats are in binance-klines.ts and bybit-klines.ts.
 */

export interface SimCandle {
  openTime: number;
  closeTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  trades: number;
}

function hash01(text: string, t: number): number {
  // FNV-1a over the text and the time: deterministic, no state.
  let h = 0x811c9dc5;
  const s = `${text}|${t}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x1_0000_0000;
}

function pathPrice(market: SimMarket, fills: readonly SimTrade[], t: number): number {
  if (fills.length === 0) return market.basePrice;
  const i = firstIndexAtLeast(fills, t, (f) => f.time);
  const after = fills[i];
  const before = fills[i - 1];
  if (after === undefined) return Number(before?.price ?? market.basePrice);
  if (before === undefined || after.time === t) return Number(after.price);
  const w = (t - before.time) / (after.time - before.time);
  return Number(before.price) + (Number(after.price) - Number(before.price)) * w;
}

export interface CandleQuery {
  marketType: MarketType;
  symbol: string;
  intervalMs: number;
  /** First candle's open time (aligned). */
  from: number;
  /** How many candles at most. */
  limit: number;
  /** Serve no candle opening after this (the server's now). */
  until: number;
}

/** The candles of one market, oldest first; null when the market is not listed. */
export function simCandles(state: SimState, q: CandleQuery): SimCandle[] | null {
  const market = state.history.markets.find((m) => m.marketType === q.marketType && m.id === q.symbol);
  if (market === undefined) return null;
  const fills = state.tradesOf(q.marketType, q.symbol);
  const scale = 10 ** market.pricePrecision;
  const up = (p: number): string => (Math.ceil(p * scale - 1e-6) / scale).toFixed(market.pricePrecision);
  const down = (p: number): string => (Math.floor(p * scale + 1e-6) / scale).toFixed(market.pricePrecision);
  const out: SimCandle[] = [];
  for (let t = q.from; t <= q.until && out.length < q.limit; t += q.intervalMs) {
    const end = t + q.intervalMs;
    const open = pathPrice(market, fills, t);
    const close = pathPrice(market, fills, end);
    let high = Math.max(open, close);
    let low = Math.min(open, close);
    let volume = 0;
    let quote = 0;
    let trades = 0;
    for (let i = firstIndexAtLeast(fills, t, (f) => f.time); i < fills.length; i++) {
      const f = fills[i];
      if (f === undefined || f.time >= end) break;
      const p = Number(f.price);
      high = Math.max(high, p);
      low = Math.min(low, p);
      volume += Number(f.qty);
      quote += Number(f.quoteQty);
      trades++;
    }
    // Other traders' volume and the wicks: deterministic per market and time.
    const key = `${q.marketType}:${q.symbol}`;
    const base = (hash01(key, t) * 50 * q.intervalMs) / 60_000 / Math.max(1, market.basePrice / 100);
    volume += base;
    quote += base * open;
    trades += 1 + Math.floor(hash01(key, t + 1) * 20);
    high *= 1 + hash01(key, t + 2) * 0.002;
    low *= 1 - hash01(key, t + 3) * 0.002;
    const openStr = open.toFixed(market.pricePrecision);
    const closeStr = close.toFixed(market.pricePrecision);
    const highStr = up(Math.max(high, Number(openStr), Number(closeStr)));
    const lowStr = down(Math.min(low, Number(openStr), Number(closeStr)));
    out.push({
      openTime: t, closeTime: end - 1, open: openStr, high: highStr, low: lowStr, close: closeStr,
      volume: volume.toFixed(market.qtyPrecision), quoteVolume: quote.toFixed(8), trades,
    });
  }
  return out;
}

/** The aligned first open time of a request: at/after `start`, or `limit` candles back from `end` (default now). */
export function firstOpenTime(intervalMs: number, limit: number, now: number, start: number | undefined, end: number | undefined): number {
  if (start !== undefined) return Math.ceil(start / intervalMs) * intervalMs;
  const last = Math.floor(Math.min(end ?? now, now) / intervalMs) * intervalMs;
  return last - (limit - 1) * intervalMs;
}
