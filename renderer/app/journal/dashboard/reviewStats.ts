import { rMultiple, riskOf, summarizeR, type RSummary } from '../../../../shared/journal/r-multiple';
import { LabelGroups, MISTAKE_PREFIX, SETUP_PREFIX, type LabelStats } from '../../../../shared/journal/setup-stats';
import type { Position } from '../../../../shared/journal/types';
import type { JournalEntry } from '../../../db/records';
import type { JournalDb } from '../../../db/schema';

/**
 * What the dashboard's review section needs from the journal: setup/mistake labels and stops of
 * positions. Only entries carrying a label or a stop are read (the `*tags` index for labels), so
 * the cost follows what the trader wrote, not the number of fills.
 */
export interface ReviewInputs {
  tags: Map<string, string[]>;
  stops: Map<string, number>;
}

export async function readReviewInputs(db: JournalDb): Promise<ReviewInputs> {
  const labelled: JournalEntry[] = await db.journal.where('tags').startsWithAnyOf([SETUP_PREFIX, MISTAKE_PREFIX]).distinct().toArray();
  const tags = new Map<string, string[]>();
  for (const e of labelled) if (e.kind === 'position') tags.set(e.key, e.tags);
  const stops = new Map<string, number>();
  await db.journal.each((e) => {
    if (e.kind === 'position' && typeof e.stopPrice === 'number') stops.set(e.key, e.stopPrice);
  });
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
