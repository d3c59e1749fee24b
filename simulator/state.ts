import type { MarketType } from '../shared/domain/types';
import type { Now } from '../shared/time/clock';
import { generateHistory, marketKey, MarketTape, type GeneratedHistory, type HistoryOptions } from './history';
import type { SimHistory, SimIncome, SimKey, SimTrade } from './types';
import { computeWallets, type SimWallets } from './wallets';
import { SymbolListCache } from './exchange-info-cache';
import { firstIndexAtLeast } from '../shared/sorted';

/**
 * Mutable exchange state behind both routers: the history (the ground truth), the API keys and
 * the server clock. Tests mutate it between or during syncs (append trades, revoke a key, skew).
 */

export interface AddTradesRequest {
  marketType: MarketType;
  symbol: string;
  count: number;
  /** Fill time; default: the server clock now. */
  at?: number;
}

export class SimState {
  readonly history: GeneratedHistory;
  /** Rendered spot exchangeInfo symbol lists (Binance router). */
  readonly spotSymbolLists = new SymbolListCache();
  private readonly keys = new Map<string, SimKey>();
  /** Server clock = injected clock + skew (simulates a client whose clock drifted the other way). */
  skewMs = 0;
  /** An exchange-wide maintenance window in progress (every API answers "under maintenance" but the status endpoint); `endsAt` as the exchange announces it, if it does. */
  maintenance: { startedAt: number; endsAt: number | null } | null = null;
  /** Per-market trades sorted by id, rebuilt when the history changes (big histories stay fast). */
  private index = new Map<string, SimTrade[]>();
  private indexedVersion = -1;
  private version = 0;
  private walletsCache: { shape: string; wallets: SimWallets } | null = null;

  constructor(historyOptions: HistoryOptions, private readonly clock: Now) {
    this.history = generateHistory(historyOptions);
  }

  now(): number {
    return this.clock() + this.skewMs;
  }

  addKey(key: Omit<SimKey, 'revoked' | 'revokeAfterRequests'>): SimKey {
    const full: SimKey = { ...key, revoked: false, revokeAfterRequests: null };
    this.keys.set(key.apiKey, full);
    return full;
  }

  key(apiKey: string): SimKey | undefined {
    return this.keys.get(apiKey);
  }

  /** Revokes now, or after `afterRequests` more signed requests with this key. */
  revokeKey(apiKey: string, afterRequests = 0): void {
    const key = this.keys.get(apiKey);
    if (key === undefined) throw new Error('unknown simulator key');
    if (afterRequests <= 0) key.revoked = true;
    else key.revokeAfterRequests = afterRequests;
  }

  /** Called for every signed request that passed the key check; counts down a scheduled revocation. */
  noteSignedRequest(key: SimKey): void {
    if (key.revokeAfterRequests === null) return;
    key.revokeAfterRequests -= 1;
    if (key.revokeAfterRequests <= 0) {
      key.revoked = true;
      key.revokeAfterRequests = null;
    }
  }

  /** Appends fills to a traded (or newly traded) market, as if the user traded during a sync. */
  addTrades(request: AddTradesRequest): SimTrade[] {
    const tape = this.tapeOf(request.marketType, request.symbol);
    const time = request.at ?? this.now();
    const out = { trades: [] as SimTrade[], income: this.history.income };
    while (out.trades.length < request.count) {
      tape.funding(time, out.income);
      tape.fillOrder(time, request.count - out.trades.length, out);
    }
    return this.appended(out.trades);
  }

  /**
   * A spot buy and a sell of the same size (fees in BNB), on any listed spot market: the base
   * balance ends where it was, so only the quote (and BNB) show that anything happened.
   */
  addRoundTrip(symbol: string, at?: number): SimTrade[] {
    const bnb = this.history.markets.find((m) => m.marketType === 'spot' && m.id === 'BNBUSDT')?.basePrice ?? 550;
    return this.appended(this.tapeOf('spot', symbol).roundTrip(at ?? this.now(), bnb, { trades: [] }));
  }

  /** Delists a spot market at `at` (default now): exchangeInfo shows it with status BREAK from then on. */
  delist(symbol: string, at?: number): void {
    const market = this.history.markets.find((m) => m.marketType === 'spot' && m.id === symbol);
    if (market === undefined) throw new Error(`simulator: spot:${symbol} is not listed`);
    market.delistedAt = at ?? this.now();
  }

  /** The market's tape; a listed market never traded before gets one (its first fills now). */
  private tapeOf(marketType: MarketType, symbol: string): MarketTape {
    const key = marketKey(marketType, symbol);
    const known = this.history.tapes.get(key);
    if (known !== undefined) return known;
    const market = this.history.markets.find((m) => m.marketType === marketType && m.id === symbol);
    if (market === undefined) throw new Error(`simulator: ${key} is not listed`);
    const tape = new MarketTape(market, this.history.ids);
    this.history.tapes.set(key, tape);
    return tape;
  }

  private appended(trades: SimTrade[]): SimTrade[] {
    this.history.trades.push(...trades);
    this.version += 1;
    this.history.trades.sort((a, b) => a.time - b.time || a.seq - b.seq);
    this.history.income.sort((a, b) => a.time - b.time || a.seq - b.seq);
    return trades;
  }

  /**
   * Income rows with from <= time <= to, in the history's order (time, then seq). A binary search
   * on the time-sorted list: the USD-M income windows page it side by side, and a scan of every row
   * per page made the simulator's own CPU a visible part of a bench's wall time.
   */
  incomeBetween(from: number, to: number): SimIncome[] {
    const rows = this.history.income;
    const out: SimIncome[] = [];
    for (let i = firstIndexAtLeast(rows, from, (r) => r.time); i < rows.length; i++) {
      const row = rows[i];
      if (row === undefined || row.time > to) break;
      out.push(row);
    }
    return out;
  }

  /** Trades of one market, ascending by id (= by time: ids grow with time per market). */
  tradesOf(marketType: MarketType, symbol: string): readonly SimTrade[] {
    if (this.indexedVersion !== this.version) {
      this.index = new Map();
      for (const t of this.history.trades) {
        const key = marketKey(t.marketType, t.symbol);
        const list = this.index.get(key);
        if (list === undefined) this.index.set(key, [t]);
        else list.push(t);
      }
      for (const list of this.index.values()) list.sort((a, b) => a.id - b.id);
      this.indexedVersion = this.version;
    }
    return this.index.get(marketKey(marketType, symbol)) ?? [];
  }

  /** A deep copy of the current history, for assertions. */
  snapshot(): SimHistory {
    const h = this.history;
    return structuredClone({
      markets: h.markets, trades: h.trades, income: h.income, movements: h.movements,
      converts: h.converts, dust: h.dust, dividends: h.dividends, transfers: h.transfers,
    });
  }

  /** Wallet balances as the exchange holds them now (computed from the history, see wallets.ts). */
  wallets(): SimWallets {
    // Kept while the history is unchanged: the account endpoints ask it on every balances call.
    const h = this.history;
    const shape = [this.version, h.trades.length, h.income.length, h.movements.length, h.converts.length, h.dust.length, h.dividends.length, h.transfers.length].join(',');
    if (this.walletsCache?.shape !== shape) this.walletsCache = { shape, wallets: computeWallets(h) };
    return this.walletsCache.wallets;
  }
}
