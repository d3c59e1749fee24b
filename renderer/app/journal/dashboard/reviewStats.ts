import { rMultiple, riskOf, summarizeR, type RSummary } from '../../../../shared/journal/r-multiple';
import { MISTAKE_PREFIX, SETUP_PREFIX, statsByLabel, type LabelStats } from '../../../../shared/journal/setup-stats';
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

/** R, setups and mistakes over closed positions (pure; `positions` already filtered by the dashboard). */
export function computeReviewStats(positions: readonly Position[], inputs: ReviewInputs, defaultRisk: number | null): ReviewStats {
  const rOf = (p: Position): number | null => rMultiple(p.netPnl, riskOf(p, inputs.stops.get(p.id) ?? null, defaultRisk));
  const rs: number[] = [];
  for (const p of positions) {
    if (p.closedAt === null) continue;
    const r = rOf(p);
    if (r !== null) rs.push(r);
  }
  const tagsOf = (id: string) => inputs.tags.get(id);
  return {
    r: summarizeR(rs),
    setups: statsByLabel(positions, tagsOf, SETUP_PREFIX, rOf),
    mistakes: statsByLabel(positions, tagsOf, MISTAKE_PREFIX, rOf, null),
  };
}
