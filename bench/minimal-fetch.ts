/**
 * The "minimal fetch" of an account, from the simulator's ground truth: the fewest requests and
 * weight a COMPLETE read of the same history needs with what Binance's API offers, and from it the
 * wall-time bound across the exchange's weight windows (bench/lib.ts `lowerBound`). Not the
 * requests the app chose to send. docs/BENCHMARKS.md, "The bound: minimal fetch", says why:
 * - spot `api`: exchangeInfo + account, then EVERY candidate spot symbol once (listed and delisted:
 *   no endpoint lists the symbols an account traded, myTrades needs a symbol, and a base sold to
 *   zero leaves no balance), plus the further pages of traded ones: ceil(fills / 1000) myTrades
 *   pages each, 20 weight a page;
 * - USD-M `fapi`: exchangeInfo + account + the income history in its widest windows (7 days over
 *   the 3 months served), which names the symbol of every fill in its horizon. When the history
 *   reaches further back than income, income proves nothing about the older part, so every listed
 *   USD-M symbol needs a search. A search is what the engine does (docs/HISTORY-KINDS.md, "USD-M
 *   fills and their evidence"): one aggTrades lookup of the first trade id at the search start (20)
 *   and ceil(fills / 1000) userTrades pages by fromId (at least one, 5 each);
 * - wallet `sapi`: deposits and withdrawals in 90-day windows, distributions in 180-day windows,
 *   dust once, transfers of the 4 types in 30-day windows over the 6 months served, converts in
 *   30-day windows over the year sync reads (weighed per UID, not per IP: counted apart as `sapiUid`).
 * `oracle`: the same, but asking only the symbols that hold fills, with no lookup: what a client
 * that already knew them would need. No client can know them; kept as a labelled reference only.
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

export type MinimalKind = 'complete' | 'oracle';

export function minimalFetch(truth: Pick<SimHistory, 'trades' | 'income' | 'markets'>, historyMs: number, kind: MinimalKind = 'complete'): RequestSummary {
  const byBucket: Record<string, Bucket> = {};
  const fills = new Map<string, number>();
  for (const t of truth.trades) fills.set(`${t.marketType}:${t.symbol}`, (fills.get(`${t.marketType}:${t.symbol}`) ?? 0) + 1);
  const e = BINANCE_ENDPOINTS;
  add(byBucket, 'api', 1, e['/api/v3/exchangeInfo'].weight);
  add(byBucket, 'api', 1, e['/api/v3/account'].weight);
  add(byBucket, 'fapi', 1, e['/fapi/v1/exchangeInfo'].weight);
  add(byBucket, 'fapi', 1, e['/fapi/v3/account'].weight);
  const p = BINANCE_PAGING;
  const pagesOf = (key: string): number => Math.max(1, Math.ceil((fills.get(key) ?? 0) / PAGE));
  const spot = kind === 'oracle' ? [...fills.keys()].filter((k) => k.startsWith('spot:')) : truth.markets.filter((m) => m.marketType === 'spot').map((m) => `spot:${m.id}`);
  for (const key of spot) add(byBucket, 'api', pagesOf(key), e['/api/v3/myTrades'].weight, pagesOf(key));
  // Income names every USD-M fill's symbol only within its horizon; beyond it every listed symbol is searched.
  const incomeProves = historyMs <= p.income.historyMs;
  const linearTraded = [...fills.keys()].filter((k) => k.startsWith('linear:'));
  const linear = kind === 'oracle' || incomeProves ? linearTraded : truth.markets.filter((m) => m.marketType === 'linear').map((m) => `linear:${m.id}`);
  for (const key of linear) {
    if (kind === 'complete') add(byBucket, 'fapi', 1, e['/fapi/v1/aggTrades'].weight);
    add(byBucket, 'fapi', pagesOf(key), e['/fapi/v1/userTrades'].weight, pagesOf(key) + (kind === 'complete' ? 1 : 0));
  }
  const incomeSpan = Math.min(historyMs, p.income.historyMs);
  add(byBucket, 'fapi', Math.max(windows(incomeSpan, p.income.maxWindowMs), Math.ceil(truth.income.length / p.income.maxLimit)), e['/fapi/v1/income'].weight);
  add(byBucket, 'sapi', windows(historyMs, p.capital.maxWindowMs), e['/sapi/v1/capital/deposit/hisrec'].weight);
  add(byBucket, 'sapi', windows(historyMs, p.capital.maxWindowMs), e['/sapi/v1/capital/withdraw/history'].weight);
  add(byBucket, 'sapi', windows(historyMs, p.dividend.maxWindowMs), e['/sapi/v1/asset/assetDividend'].weight);
  add(byBucket, 'sapi', 1, e['/sapi/v1/asset/dribblet'].weight);
  add(byBucket, 'sapi', 4 * windows(Math.min(historyMs, p.transfer.historyMs), p.transfer.maxWindowMs), e['/sapi/v1/asset/transfer'].weight);
  // Over the year sync reads (BINANCE_PAGING.convert.historyMs), not the whole history: older
  // converts come from the statement export, so no complete sync fetches them.
  add(byBucket, 'sapiUid', windows(Math.min(historyMs, p.convert.historyMs), p.convert.maxWindowMs), e['/sapi/v1/convert/tradeFlow'].weight);
  const all = Object.values(byBucket);
  return { requests: all.reduce((n, b) => n + b.requests, 0), weight: all.reduce((n, b) => n + b.weight, 0), byBucket, http429: 0, http418: 0 };
}
