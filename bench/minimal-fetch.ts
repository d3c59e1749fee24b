/**
 * The "minimal fetch" of an account, from the simulator's ground truth: the requests and weight
 * an oracle that already knew which symbols hold fills would need to read the same history, and
 * the wall-time bound that follows from the exchange's weight windows (bench/lib.ts `lowerBound`).
 * Not the requests the app chose to send: the app cannot know which of ~2,500 listed symbols were
 * traded, so the distance to this bound is what scanning costs. Per Binance bucket:
 * - spot `api`: exchangeInfo + account, then per traded spot symbol ceil(fills / 1000) myTrades
 *   pages (one page per symbol at least), 20 weight each (shared/exchanges/binance.ts);
 * - USD-M `fapi`: exchangeInfo + account, per traded USD-M symbol ceil(fills / 1000) userTrades
 *   pages, and the income history in its largest windows (7 days over the 3 months served);
 * - wallet `sapi`: deposits and withdrawals in 90-day windows, distributions in 180-day windows,
 *   dust once, transfers of the 4 types in 30-day windows over the 6 months served, converts in
 *   30-day windows (weighed per UID, not per IP: counted apart as `sapiUid`).
 * A symbol's pages depend on each other (fromId of the previous page): its page count is a chain.
 */
import { BINANCE_ENDPOINTS, BINANCE_PAGING } from '../shared/exchanges';
import type { SimHistory } from '../simulator';
import type { RequestSummary } from './lib';

type Bucket = RequestSummary['byBucket'][string];

const PAGE = BINANCE_PAGING.myTrades.maxLimit;

function add(into: Record<string, Bucket>, bucket: string, requests: number, weightEach: number, chain = 1): void {
  const b = into[bucket] ?? { requests: 0, weight: 0, longestChain: 0 };
  b.requests += requests;
  b.weight += requests * weightEach;
  b.longestChain = Math.max(b.longestChain, chain);
  into[bucket] = b;
}

/** Windows of `windowMs` that cover `spanMs` (at least one). */
const windows = (spanMs: number, windowMs: number): number => Math.max(1, Math.ceil(spanMs / windowMs));

export function minimalFetch(truth: Pick<SimHistory, 'trades' | 'income'>, historyMs: number): RequestSummary {
  const byBucket: Record<string, Bucket> = {};
  const fills = new Map<string, number>();
  for (const t of truth.trades) fills.set(`${t.marketType}:${t.symbol}`, (fills.get(`${t.marketType}:${t.symbol}`) ?? 0) + 1);
  const e = BINANCE_ENDPOINTS;
  add(byBucket, 'api', 1, e['/api/v3/exchangeInfo'].weight);
  add(byBucket, 'api', 1, e['/api/v3/account'].weight);
  add(byBucket, 'fapi', 1, e['/fapi/v1/exchangeInfo'].weight);
  add(byBucket, 'fapi', 1, e['/fapi/v3/account'].weight);
  for (const [key, n] of fills) {
    const pages = Math.max(1, Math.ceil(n / PAGE));
    if (key.startsWith('spot:')) add(byBucket, 'api', pages, e['/api/v3/myTrades'].weight, pages);
    else add(byBucket, 'fapi', pages, e['/fapi/v1/userTrades'].weight, pages);
  }
  const p = BINANCE_PAGING;
  const incomeSpan = Math.min(historyMs, p.income.historyMs);
  add(byBucket, 'fapi', Math.max(windows(incomeSpan, p.income.maxWindowMs), Math.ceil(truth.income.length / p.income.maxLimit)), e['/fapi/v1/income'].weight);
  add(byBucket, 'sapi', windows(historyMs, p.capital.maxWindowMs), e['/sapi/v1/capital/deposit/hisrec'].weight);
  add(byBucket, 'sapi', windows(historyMs, p.capital.maxWindowMs), e['/sapi/v1/capital/withdraw/history'].weight);
  add(byBucket, 'sapi', windows(historyMs, p.dividend.maxWindowMs), e['/sapi/v1/asset/assetDividend'].weight);
  add(byBucket, 'sapi', 1, e['/sapi/v1/asset/dribblet'].weight);
  add(byBucket, 'sapi', 4 * windows(Math.min(historyMs, p.transfer.historyMs), p.transfer.maxWindowMs), e['/sapi/v1/asset/transfer'].weight);
  add(byBucket, 'sapiUid', windows(historyMs, p.convert.maxWindowMs), e['/sapi/v1/convert/tradeFlow'].weight);
  const all = Object.values(byBucket);
  return { requests: all.reduce((n, b) => n + b.requests, 0), weight: all.reduce((n, b) => n + b.weight, 0), byBucket, http429: 0, http418: 0 };
}
