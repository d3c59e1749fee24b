import type { CommitResult } from '../../shared/store/port';
import type { MarketType } from '../../shared/domain/types';
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

/** One row per account + symbol: whole-history totals, so counts never need a range scan. */
export interface SymbolStats extends TradeTotals {
  accountId: string;
  symbol: string;
  marketType: MarketType;
  firstTimestamp: number;
  lastTimestamp: number;
}

export type JournalTargetKind = 'trade' | 'position';

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
  createdAt: number;
  updatedAt: number;
}

/**
 * Derived positions (written by the P&L code in shared/journal/ once it lands). Only the indexed
 * fields are fixed here; the rest of the record is that code's business.
 */
export interface PositionRow {
  key: string;
  accountId: string;
  symbol: string;
  openedAt: number;
  [field: string]: unknown;
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
