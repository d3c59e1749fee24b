import type { JobProgress } from '../../shared/domain/types';
import { combineLanes, newLane, updateLane, type LaneProgress } from '../../shared/sync/progress-lanes';
import type { AttemptContext } from './context';
import { startJobPace } from './stage-eta';

/**
 * The attempt's lanes of progress (shared/sync/progress-lanes.ts): each lane reports as if it
 * were alone; what reaches the job is the combined line, so parallel stages neither overwrite
 * each other's batches nor each other's ETA.
 */
export class ProgressLanes {
  private readonly lanes: LaneProgress[] = [];

  constructor(private readonly ctx: AttemptContext) {
    startJobPace(ctx);
  }

  open(): { progress: (update: Partial<JobProgress>) => void; close: () => void } {
    const index = this.lanes.length;
    this.lanes.push(newLane(this.ctx.clock.now()));
    const set = (lane: LaneProgress): void => {
      this.lanes[index] = lane;
    };
    const current = (): LaneProgress => this.lanes[index] ?? newLane(this.ctx.clock.now());
    return {
      progress: (update) => {
        const now = this.ctx.clock.now();
        set(updateLane(current(), update, now));
        this.ctx.progress({ ...update, ...combineLanes(this.lanes, now) });
      },
      close: () => {
        set({ ...current(), done: true, currentSymbols: [] });
      },
    };
  }
}
