import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { AggregateStats } from '../../../../shared/journal/aggregate-stats';
import { computeStats, filterClosed } from '../../../../shared/journal/stats';
import type { StatsFilter } from '../../../../shared/journal/stats';
import { readAggregateStats, readLabelledPositions } from '../../../db/aggregate-queries';
import type { JournalDb } from '../../../db/schema';
import { useTaggedKeys } from '../notes/useTaggedKeys';
import type { SymbolPair } from '../positions/pairs';
import { positionsOf, resultsFor, usePairResults } from '../positions/positionsStore';
import { computeReviewStats, readReviewInputs, reviewStatsFromKept, type ReviewStats } from './reviewStats';

/** What the dashboard shows: computeStats' figures, with an equity curve per close or per quarter hour. */
export type DashboardFigures = Omit<AggregateStats, 'equityCurve'> & { equityCurve: readonly { t: number; equity: number; drawdown: number }[] };

export interface DashboardStats {
  /** undefined while reading. */
  stats: DashboardFigures | undefined;
  review: ReviewStats | null;
  /** `aggregates`: read from the stored aggregates; `positions`: computed from every selected position. */
  source: 'aggregates' | 'positions';
  /** Pairs whose positions are in memory (positions mode only; equals `pairs` in aggregates mode). */
  computedPairs: number;
}

/**
 * The dashboard's statistics. Without a symbol or tag filter and without a default risk they come
 * from the stored aggregates and the kept copy of the labelled positions (docs/REVIEW.md, "Stored aggregates"), so
 * their cost follows quarter hours with closes and what the trader labelled, not the number of
 * positions. A symbol or tag filter, or a default risk (every position then has an R), needs the
 * positions themselves: those are read and computeStats runs over them, as before.
 */
export function useDashboardStats(db: JournalDb, pairs: readonly SymbolPair[], filter: StatsFilter, tag: string, zone: string, defaultRisk: number | null): DashboardStats {
  const fromAggregates = filter.symbols === undefined && tag.trim() === '' && defaultRisk === null;
  const filterJson = JSON.stringify(filter);

  const aggregate = useLiveQuery(
    () => (fromAggregates ? readAggregateStats(db, JSON.parse(filterJson) as StatsFilter, { timeZone: zone }) : Promise.resolve(null)),
    [db, filterJson, zone, fromAggregates],
  );
  // The kept copy of the labelled positions (schema v10): one range read per account.
  const labelled = useLiveQuery(
    () => (fromAggregates ? readLabelledPositions(db, JSON.parse(filterJson) as StatsFilter) : Promise.resolve(null)),
    [db, filterJson, fromAggregates],
  );

  // Positions mode: every selected pair's positions in memory.
  const results = usePairResults(db, fromAggregates ? [] : pairs);
  const pairsJson = JSON.stringify(fromAggregates ? [] : pairs);
  const tagged = useTaggedKeys(db, fromAggregates ? '' : tag, 'position');
  const reviewInputs = useLiveQuery(() => (fromAggregates ? Promise.resolve(null) : readReviewInputs(db)), [db, fromAggregates]);
  const selected = useMemo(() => {
    if (fromAggregates) return null;
    const positions = positionsOf(resultsFor(results, JSON.parse(pairsJson) as SymbolPair[]));
    return positions.filter((p) => tagged === null || tagged === undefined || tagged.has(p.id));
  }, [fromAggregates, results, pairsJson, tagged]);
  const computed = useMemo(
    () => (selected === null ? undefined : computeStats(selected, JSON.parse(filterJson) as StatsFilter, { timeZone: zone })),
    [selected, filterJson, zone],
  );
  // Kept apart from the stats: a note, label or stop edit recomputes only these.
  const review = useMemo(() => {
    if (fromAggregates) {
      if (labelled === undefined || labelled === null || aggregate === undefined || aggregate === null) return null;
      return reviewStatsFromKept(labelled, aggregate);
    }
    if (selected === null || reviewInputs === undefined || reviewInputs === null) return null;
    return computeReviewStats(filterClosed(selected, JSON.parse(filterJson) as StatsFilter), reviewInputs, defaultRisk);
  }, [fromAggregates, labelled, aggregate, selected, reviewInputs, filterJson, defaultRisk]);

  if (fromAggregates) return { stats: aggregate ?? undefined, review, source: 'aggregates', computedPairs: pairs.length };
  return { stats: computed, review, source: 'positions', computedPairs: resultsFor(results, pairs).length };
}
