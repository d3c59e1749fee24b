import type { CommitResult } from '../../shared/store/port';
import type { MarketType } from '../../shared/domain/types';
import type { BookCheckpoint } from '../../shared/journal/book';
import type { PairLedger } from '../../shared/journal/ledger';
import type { Position } from '../../shared/journal/types';
import type { Settings } from '../../shared/settings';

/**
 * Record shapes that exist only inside the store (the shared domain types cover the rest).
 * Every record is plain JSON-serializable data so it can be exported and restored verbatim.
 */

/** Sums that dashboards read instead of scanning trades. `fees` is per fee currency (they do not add up across currencies). */
export interface TradeTotals {
  count: number;
  buyCount: number;
  /** Sum of `cost` (quote currency of the symbol). */
  volume: number;
  buyVolume: number;
  fees: Record<string, number>;
  /** Sum of the exchange-reported realized P&L on fills. */
  realizedPnl: number;
}

/** One row per account + symbol + UTC day (day = floor(timestamp / 86_400_000)). */
export interface TradeDayStats extends TradeTotals {
  accountId: string;
  symbol: string;
  day: number;
}

/** One row per account + UTC day, summed over symbols: an account's dashboard range reads days, not days x symbols. */
export interface AccountDayStats extends TradeTotals {
  accountId: string;
  day: number;
}

/**
 * One row per account + UTC quarter hour (qh = start, ms), summed over symbols: fill counts per day
 * of the trader's zone are sums of whole quarter hours (every zone offset is a multiple of 15
 * minutes), read with one index-bounded range (docs/REVIEW.md, "Your timezone").
 */
export interface AccountQuarterStats extends TradeTotals {
  accountId: string;
  qh: number;
}

/** One row per account + symbol: whole-history totals, so counts never need a range scan. */
export interface SymbolStats extends TradeTotals {
  accountId: string;
  symbol: string;
  marketType: MarketType;
  firstTimestamp: number;
  lastTimestamp: number;
}

/**
 * `day`: the daily note of one calendar day (key `day:YYYY-MM-DD`, accountId `*`); `playbook`: the
 * rules of a named setup (key `playbook:<setup name>`, accountId `*`).
 */
export type JournalTargetKind = 'trade' | 'position' | 'day' | 'playbook';

/**
 * User-written journal data. Keyed by the trade or position key it annotates (both are
 * deterministic), so it survives purges, re-syncs and restores of the rows themselves.
 */
export interface JournalEntry {
  key: string;
  kind: JournalTargetKind;
  accountId: string;
  note: string;
  tags: string[];
  /** 1..5, null = not rated. */
  rating: number | null;
  /** Positions only: the stop the trader set (quote price), for R-multiples. Absent on older entries. */
  stopPrice?: number | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * A derived position (shared/journal), keyed by its id (the key of the fill that opened it).
 * Recomputable from the stored fills at any time; never exported.
 */
export type PositionRow = Position & { key: string };

/**
 * - current: positions and per-fill P&L include every stored fill of the pair;
 * - stale: fills arrived out of time order (or an import/purge/restore touched the pair), a full
 *   replay of the pair is due (renderer/db/ledger-rebuild.ts);
 * - failed: the replay refused a stored fill (`error` says why); new rows do not retry it, the
 *   user's "Recompute" does.
 */
export type LedgerStatus = 'current' | 'stale' | 'failed';

/**
 * Per account+symbol: status and sums of the derived P&L (shared/journal/ledger.ts). The book's
 * checkpoint lives in `LedgerStateRow`: the journal view reads every ledger row live on each
 * commit, and a checkpoint can be large (an accumulating spot account's unsold lots).
 */
export interface LedgerRow extends Omit<PairLedger, 'checkpoint'> {
  status: LedgerStatus;
  /** Bumped by every write that touches the pair; a replay only lands if it is unchanged meanwhile. */
  revision: number;
  /**
   * The last few writes: revision and the earliest `openedAt` among the positions it wrote
   * (Infinity: none; -Infinity: all were replaced). A reader holding revision r re-reads only
   * positions opened at or after the minimum over (r, revision], instead of the whole pair.
   */
  recentChanges: { revision: number; from: number }[];
  error: string | null;
  updatedAt: number;
}

/** The resumable book state of one account+symbol; read and written only by the store's writers. */
export interface LedgerStateRow {
  accountId: string;
  symbol: string;
  checkpoint: BookCheckpoint | null;
}

/**
 * Gross realized P&L of the closing fills of one batch of one pair (the trade table's column).
 * One row per batch, not per fill: a commit writes one small row per touched pair. Time ranges of
 * a pair's chunks do not overlap except at equal timestamps.
 */
export interface FillPnlChunk {
  /** Key of the first closing fill in the chunk (a fill closes in exactly one chunk). */
  key: string;
  accountId: string;
  symbol: string;
  fromTs: number;
  toTs: number;
  pnl: Record<string, number>;
}

/** Idempotency record: a replayed batchId returns `result` and writes nothing. */
export interface AppliedBatch {
  batchId: string;
  accountId: string;
  jobId: string;
  appliedAt: number;
  result: CommitResult;
}

export const SETTINGS_ROW_ID = 'settings';

export interface SettingsRow {
  id: typeof SETTINGS_ROW_ID;
  value: Settings;
}

/**
 * v7: what export files stored, per account, coverage kind and symbol/asset (the coverage map's
 * "file" source). A summary row instead of a source index on trades: each index on trades costs
 * 10-20% of its write speed, this costs one put per symbol per import chunk.
 */
export interface ImportSummary {
  accountId: string;
  /** A CoverageKindId (shared/coverage-map/kinds.ts). */
  kind: string;
  /** Symbol, or asset for account-wide kinds. */
  key: string;
  first: number;
  last: number;
  rows: number;
  updatedAt: number;
}

/** One cached candle of one series (`candleSeries()`: source, symbol, timeframe). Public market data, never exported. */
export interface CandleRow {
  series: string;
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/**
 * MAE/MFE of a closed position (shared/journal/excursion.ts), keyed by the position id. Derived
 * from cached candles and rewritten when they arrive; `closedAt`/`avgEntryPrice`/`maxQty` say
 * which version of the position it was computed for (a replay may change a position).
 */
export interface ExcursionRow {
  key: string;
  accountId: string;
  symbol: string;
  closedAt: number | null;
  avgEntryPrice: number;
  maxQty: number;
  timeframe: string;
  maeQuote: number;
  mfeQuote: number;
  maePct: number;
  mfePct: number;
  holdingMs: number | null;
  candles: number;
  computedAt: number;
}
