import { rMultiple, riskOf, summarizeR, type RSummary } from '../../../../shared/journal/r-multiple';
import { BREAK_EVEN_TOLERANCE, settleEmptySums } from '../../../../shared/journal/closed-buckets';
import { LabelGroups, labelsOf, MISTAKE_PREFIX, NO_SETUP, SETUP_PREFIX, type LabelStats } from '../../../../shared/journal/setup-stats';
import type { GroupStats } from '../../../../shared/journal/stats';
import type { LabelledPosition } from '../../../../shared/journal/labelled-position';
import type { Position } from '../../../../shared/journal/types';
import type { JournalEntry } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';

/**
 * What the dashboard's review section needs from the journal: setup/mistake labels and stops of
 * positions, from the journal entries (so the cost follows what the trader wrote, not the number
 * of fills); the dashboard then reads those positions by id (labelledIds).
 */
export interface ReviewInputs {
  tags: Map<string, string[]>;
  stops: Map<string, number>;
}

export async function readReviewInputs(db: JournalDb): Promise<ReviewInputs> {
  // One read of the journal (what the trader wrote, not the fills): cheaper than a cursor over the
  // `*tags` index for the labels plus a second pass for the stops.
  const entries: JournalEntry[] = await db.journal.toArray();
  const tags = new Map<string, string[]>();
  const stops = new Map<string, number>();
  for (const e of entries) {
    if (e.kind !== 'position') continue;
    if (e.tags.some((t) => t.startsWith(SETUP_PREFIX) || t.startsWith(MISTAKE_PREFIX))) tags.set(e.key, e.tags);
    if (typeof e.stopPrice === 'number') stops.set(e.key, e.stopPrice);
  }
  return { tags, stops };
}

export interface ReviewStats {
  r: RSummary;
  setups: LabelStats[];
  mistakes: LabelStats[];
}

/** R, setups and mistakes over closed positions, in one pass (pure; `positions` already filtered by the dashboard). */
export function computeReviewStats(positions: readonly Position[], inputs: ReviewInputs, defaultRisk: number | null): ReviewStats {
  const setups = new LabelGroups(SETUP_PREFIX);
  const mistakes = new LabelGroups(MISTAKE_PREFIX, null);
  const rs: number[] = [];
  for (const p of positions) {
    if (p.closedAt === null) continue;
    const stop = inputs.stops.get(p.id);
    const r = stop === undefined && defaultRisk === null ? null : rMultiple(p.netPnl, riskOf(p, stop ?? null, defaultRisk));
    if (r !== null) rs.push(r);
    const tags = inputs.tags.get(p.id);
    setups.add(p, tags, r);
    if (tags !== undefined) mistakes.add(p, tags, r);
  }
  return { r: summarizeR(rs), setups: setups.result(), mistakes: mistakes.result() };
}

/** What the review reads of a position: its result and what riskOf needs. */
export type ReviewPosition = Pick<Position, 'id' | 'closedAt' | 'netPnl' | 'direction' | 'avgEntryPrice' | 'maxQty'>;

/**
 * The same figures from the labelled positions only (those with a setup/mistake label or a stop),
 * plus `all`, the sums of every closed position in the selection (from the stored aggregates):
 * "(no setup)" is everything minus the positions with a setup. Exact when no default risk is set
 * (then only positions with a stop have an R, and those are all read); with a default risk every
 * position has an R and the dashboard uses computeReviewStats over all of them.
 */
export function reviewStatsFromLabelled(labelled: readonly ReviewPosition[], inputs: ReviewInputs, all: GroupStats): ReviewStats {
  const items: ReviewItem[] = [];
  for (const p of labelled) {
    if (p.closedAt === null) continue;
    const stop = inputs.stops.get(p.id);
    items.push({ netPnl: p.netPnl, r: stop === undefined ? null : rMultiple(p.netPnl, riskOf(p, stop, null)), tags: inputs.tags.get(p.id) });
  }
  return reviewStatsFromItems(items, all);
}

/** A labelled closed position as the stats use it: its result, its R (null without one) and its labels. */
interface ReviewItem {
  netPnl: number;
  r: number | null;
  tags: readonly string[] | undefined;
}

function reviewStatsFromItems(items: readonly ReviewItem[], all: GroupStats): ReviewStats {
  const setups = new LabelGroups(SETUP_PREFIX, null);
  const mistakes = new LabelGroups(MISTAKE_PREFIX, null);
  const rs: number[] = [];
  const withSetup = { trades: 0, wins: 0, losses: 0, netPnl: 0, grossWin: 0, grossLoss: 0 };
  const noSetupR = { rSum: 0, rCount: 0 };
  for (const p of items) {
    const { r, tags } = p;
    if (r !== null) rs.push(r);
    if (tags !== undefined) {
      setups.add(p, tags, r);
      mistakes.add(p, tags, r);
    }
    if (tags !== undefined && labelsOf(tags, SETUP_PREFIX).length > 0) {
      withSetup.trades++;
      withSetup.netPnl += p.netPnl;
      if (p.netPnl > BREAK_EVEN_TOLERANCE) {
        withSetup.wins++;
        withSetup.grossWin += p.netPnl;
      } else if (p.netPnl < -BREAK_EVEN_TOLERANCE) {
        withSetup.losses++;
        withSetup.grossLoss += p.netPnl;
      }
    } else if (r !== null) {
      noSetupR.rSum += r;
      noSetupR.rCount++;
    }
  }
  const noSetup = settleEmptySums({
    trades: all.trades - withSetup.trades, wins: all.wins - withSetup.wins, losses: all.losses - withSetup.losses, breakEvens: 0,
    netPnl: all.netPnl - withSetup.netPnl, grossWin: all.grossWin - withSetup.grossWin, grossLoss: all.grossLoss - withSetup.grossLoss,
  });
  setups.addSums(NO_SETUP, { ...noSetup, ...noSetupR });
  return { r: summarizeR(rs), setups: setups.result(), mistakes: mistakes.result() };
}

/**
 * reviewStatsFromLabelled over the kept copy of the labelled positions (schema v10,
 * labelledPositions: each row carries its labels and the R of its stop), as the dashboard reads it.
 */
export function reviewStatsFromKept(rows: readonly LabelledPosition[], all: GroupStats): ReviewStats {
  return reviewStatsFromItems(rows.map((row) => ({ netPnl: row.netPnl, r: row.r, tags: row.labels })), all);
}

/** Ids of the positions the review reads: those with a label or a stop. */
export function labelledIds(inputs: ReviewInputs): string[] {
  return [...new Set([...inputs.tags.keys(), ...inputs.stops.keys()])];
}
