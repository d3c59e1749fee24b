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

const DAY_MS = 86_400_000;

/**
 * The labelled rows of one account closing in one UTC day, packed column by column into one
 * record (`labelledDays`, schema v10): the dashboard reads these instead of one record per row,
 * since Chromium's IndexedDB costs per record handed to the page, not per byte
 * (docs/BENCHMARKS.md, review section). Labels are flattened: `labelCounts[i]` labels of row i,
 * in order, in `labels` (no separator a tag could contain). `r` is NaN where a row has none.
 */
export interface LabelledDay {
  accountId: string;
  /** UTC day number (closedAt / 86,400,000, floored). */
  day: number;
  keys: string[];
  closedAt: Float64Array;
  netPnl: Float64Array;
  r: Float64Array;
  labelCounts: Uint16Array;
  labels: string[];
}

export function utcDayNumber(t: number): number {
  return Math.floor(t / DAY_MS);
}

/** The pack of these rows (all of one account and UTC day), in close then key order. */
export function labelledDayOf(accountId: string, day: number, rows: readonly LabelledPosition[]): LabelledDay {
  const sorted = [...rows].sort((a, b) => a.closedAt - b.closedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    accountId, day, keys: sorted.map((x) => x.key), closedAt: Float64Array.from(sorted, (x) => x.closedAt), netPnl: Float64Array.from(sorted, (x) => x.netPnl),
    r: Float64Array.from(sorted, (x) => x.r ?? Number.NaN), labelCounts: Uint16Array.from(sorted, (x) => x.labels.length), labels: sorted.flatMap((x) => x.labels),
  };
}

/** Every pack of these rows (schema upgrade, benches). */
export function labelledDaysOf(rows: readonly LabelledPosition[]): LabelledDay[] {
  const groups = new Map<string, { accountId: string; day: number; rows: LabelledPosition[] }>();
  for (const row of rows) {
    const day = utcDayNumber(row.closedAt);
    const k = JSON.stringify([row.accountId, day]);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { accountId: row.accountId, day, rows: [row] });
    else g.rows.push(row);
  }
  return [...groups.values()].map((g) => labelledDayOf(g.accountId, g.day, g.rows));
}

/** The rows of a pack closing in [from, to) (null: unbounded), appended to `out`. */
export function unpackLabelledDay(pack: LabelledDay, from: number | null, to: number | null, out: LabelledPosition[]): void {
  let at = 0;
  pack.keys.forEach((key, i) => {
    const count = pack.labelCounts[i] ?? 0;
    const closedAt = pack.closedAt[i] ?? 0;
    const r = pack.r[i] ?? Number.NaN;
    if ((from === null || closedAt >= from) && (to === null || closedAt < to)) {
      out.push({ key, accountId: pack.accountId, closedAt, netPnl: pack.netPnl[i] ?? 0, r: Number.isNaN(r) ? null : r, labels: pack.labels.slice(at, at + count) });
    }
    at += count;
  });
}
