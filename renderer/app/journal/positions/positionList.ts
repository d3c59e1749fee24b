import type { Position } from '../../../../shared/journal/types';

export type StatusFilter = 'all' | 'open' | 'closed';

/** Newest first: open positions by open time, closed ones by close time; ties by id (stable across recomputes). */
export function sortPositionsNewestFirst(positions: readonly Position[]): Position[] {
  const at = (p: Position) => p.closedAt ?? p.openedAt;
  return [...positions].sort((a, b) => at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The positions table's rows: by status, and by journal tag when one is chosen (`tagged` = position ids carrying it). */
export function selectPositions(positions: readonly Position[], status: StatusFilter, tagged: ReadonlySet<string> | null | undefined): Position[] {
  return sortPositionsNewestFirst(positions.filter((p) => (status === 'all' || p.status === status) && (tagged === null || tagged === undefined || tagged.has(p.id))));
}
