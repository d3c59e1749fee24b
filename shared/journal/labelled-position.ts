import { rMultiple, riskOf } from './r-multiple';
import { MISTAKE_PREFIX, SETUP_PREFIX } from './setup-stats';
import type { Position } from './types';

/**
 * The kept copy of a LABELLED closed position: what the setup, mistake and R stats read of it
 * (docs/REVIEW.md, "Stored aggregates"). A closed position is labelled when its journal entry has
 * a `setup:`/`mistake:` tag or a stop. Stored per position (schema v10, `labelledPositions`,
 * indexed by [accountId+closedAt]) so the dashboard reads one index range per account instead of
 * one request per labelled position.
 */
export interface LabelledPosition {
  /** The position's key (its id). */
  key: string;
  accountId: string;
  closedAt: number;
  netPnl: number;
  /**
   * The R of its stop (rMultiple of riskOf, no default risk), null without a stop or when the
   * stop gives no risk. Kept instead of the stop and entry price: each field a row carries costs
   * the dashboard's read (docs/BENCHMARKS.md, review section).
   */
  r: number | null;
  /** The entry's `setup:` and `mistake:` tags (in the entry's order); other tags are not stats input. */
  labels: string[];
}

/** The part of a journal entry that labels a position. */
export interface PositionLabels {
  kind: string;
  tags: readonly string[];
  stopPrice?: number | null | undefined;
}

function isLabel(tag: string): boolean {
  return tag.startsWith(SETUP_PREFIX) || tag.startsWith(MISTAKE_PREFIX);
}

/**
 * The kept row of a position and its journal entry, or null when the pair is not one: no
 * position (removed, not derived yet), an open one, no entry, an entry of another kind, or one
 * with neither a label nor a stop. The same rule as the dashboard's readReviewInputs.
 */
export function labelledPositionOf(p: Position | undefined, entry: PositionLabels | undefined): LabelledPosition | null {
  if (p === undefined || p.closedAt === null || entry === undefined || entry.kind !== 'position') return null;
  const labels = entry.tags.filter(isLabel);
  const stopPrice = typeof entry.stopPrice === 'number' ? entry.stopPrice : null;
  if (labels.length === 0 && stopPrice === null) return null;
  const r = stopPrice === null ? null : rMultiple(p.netPnl, riskOf(p, stopPrice, null));
  return { key: p.id, accountId: p.accountId, closedAt: p.closedAt, netPnl: p.netPnl, r, labels };
}

/** True when two versions of a position give the same kept row (a write that changes none of these leaves it alone). */
export function sameForLabelled(a: Position, b: Position): boolean {
  return a.closedAt === b.closedAt && a.netPnl === b.netPnl && a.direction === b.direction && a.avgEntryPrice === b.avgEntryPrice
    && a.maxQty === b.maxQty && a.accountId === b.accountId;
}
