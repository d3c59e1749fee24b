import type { JobProgress, SyncPhase } from '../domain/types';

/**
 * Progress of stages that run side by side. A full sync runs one lane per rate bucket (wallet
 * streams then spot trades; USD-M income then USD-M trades; docs/SYNC-STATUS.md, "Stages run side
 * by side"), each reporting its own phase, batches and ETA. The job shows one line: the lanes'
 * batches add up, and the ETA is the slowest lane's (the job ends when its last lane does).
 */
export interface LaneProgress {
  phase: SyncPhase;
  currentSymbols: readonly string[];
  batchIndex: number;
  batchCount: number;
  /** The lane's own estimate of its remaining work when it was reported, or null (none yet). */
  etaMs: number | null;
  /** When `etaMs` was reported: the estimate shrinks with the time since. */
  reportedAt: number;
  done: boolean;
}

export type CombinedProgress = Pick<JobProgress, 'phase' | 'currentSymbols' | 'batchIndex' | 'batchCount' | 'etaMs'>;

export function newLane(now: number): LaneProgress {
  return { phase: 'queued', currentSymbols: [], batchIndex: 0, batchCount: 0, etaMs: null, reportedAt: now, done: false };
}

/** Phases in the order a lane goes through them: the line names the one furthest along. */
const PHASE_RANK: Record<SyncPhase, number> = {
  queued: 0, balances: 1, markets: 2, movements: 3, wallet: 4, income: 5, discovering: 6, trades: 7, finishing: 8,
};

/**
 * One progress line from every lane at `now`. ETA: the largest remaining estimate of the lanes
 * that have one. A lane without an estimate yet (wallet streams, or trades before a few commits)
 * is left out rather than blanking the line. The USD-M lane reports from its income stage on a
 * figure for the whole lane, its fills included (shared/sync/futures-eta.ts): with a figure only
 * once its fills began, the line showed the spot lane's, about to end, while the futures lane
 * still had most of the sync ahead (docs/BENCHMARKS.md, "ETA").
 */
export function combineLanes(lanes: readonly LaneProgress[], now: number): CombinedProgress {
  const running = lanes.filter((l) => !l.done);
  let eta: number | null = null;
  for (const lane of running) {
    if (lane.etaMs === null) continue;
    eta = Math.max(eta ?? 0, Math.max(0, lane.etaMs - Math.max(0, now - lane.reportedAt)));
  }
  const shown = running.length > 0 ? running : lanes;
  let phase: SyncPhase = 'queued';
  for (const lane of shown) if (PHASE_RANK[lane.phase] > PHASE_RANK[phase]) phase = lane.phase;
  return {
    phase,
    currentSymbols: running.flatMap((l) => l.currentSymbols),
    batchIndex: lanes.reduce((n, l) => n + l.batchIndex, 0),
    batchCount: lanes.reduce((n, l) => n + l.batchCount, 0),
    etaMs: eta === null ? null : Math.round(eta),
  };
}

/** Applies a lane's own progress update to its record (fields it did not report stay). */
export function updateLane(lane: LaneProgress, update: Partial<JobProgress>, now: number): LaneProgress {
  return {
    ...lane,
    ...(update.phase === undefined ? {} : { phase: update.phase }),
    ...(update.currentSymbols === undefined ? {} : { currentSymbols: update.currentSymbols }),
    ...(update.batchIndex === undefined ? {} : { batchIndex: update.batchIndex }),
    ...(update.batchCount === undefined ? {} : { batchCount: update.batchCount }),
    ...('etaMs' in update && update.etaMs !== undefined ? { etaMs: update.etaMs, reportedAt: now } : {}),
  };
}
