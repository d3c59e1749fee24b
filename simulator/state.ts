import type { MarketType } from '../shared/domain/types';
import type { Now } from '../shared/time/clock';
import { generateHistory, marketKey, type GeneratedHistory, type HistoryOptions } from './history';
import type { SimHistory, SimKey, SimTrade } from './types';
import { computeWallets, type SimWallets } from './wallets';

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
  private readonly keys = new Map<string, SimKey>();
  /** Server clock = injected clock + skew (simulates a client whose clock drifted the other way). */
  skewMs = 0;
  /** An exchange-wide maintenance window in progress (every API answers "under maintenance" but the status endpoint); `endsAt` as the exchange announces it, if it does. */
  maintenance: { startedAt: number; endsAt: number | null } | null = null;
  /** Per-market trades sorted by id, rebuilt when the history changes (big histories stay fast). */
  private index = new Map<string, SimTrade[]>();
  private indexedVersion = -1;
  private version = 0;

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
    const key = marketKey(request.marketType, request.symbol);
    const tape = this.history.tapes.get(key);
    if (tape === undefined) throw new Error(`simulator: ${key} has no tape (not traded in the generated history)`);
    const time = request.at ?? this.now();
    const out = { trades: [] as SimTrade[], income: this.history.income };
    while (out.trades.length < request.count) {
      tape.funding(time, out.income);
      tape.fillOrder(time, request.count - out.trades.length, out);
    }
    this.history.trades.push(...out.trades);
    this.version += 1;
    this.history.trades.sort((a, b) => a.time - b.time || a.seq - b.seq);
    this.history.income.sort((a, b) => a.time - b.time || a.seq - b.seq);
    return out.trades;
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
    return computeWallets(this.history);
  }
}
