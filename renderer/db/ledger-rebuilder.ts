import { pairsToRebuild, rebuildPair } from './ledger-rebuild';
import type { RebuildOptions } from './ledger-rebuild';
import type { JournalDb } from './schema';

export interface RebuilderOptions extends Pick<RebuildOptions, 'pause' | 'chunkSize' | 'now'> {
  /** Quiet time after the last poke before a pass starts (commits come in bursts during a sync). */
  delayMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Replays stale pairs in the background: `poke()` after anything that may have marked one stale.
 * One pass at a time; a pair whose rows changed during its replay is tried again in the next
 * pass. Only the store worker runs one: it is the journal's only writer (docs/ARCHITECTURE.md,
 * who writes what), so no other context replays at the same time.
 */
export class LedgerRebuilder {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Consecutive passes that ended with a pair changing under the replay; backs off the next pass. */
  private changedStreak = 0;
  private disposed = false;
  private readonly controller = new AbortController();

  constructor(private readonly db: JournalDb, private readonly options: RebuilderOptions = {}) {}

  poke(): void {
    if (this.disposed) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    const base = this.options.delayMs ?? 300;
    // A pair that keeps changing (a sync writing it out of order) is retried at most every ~10 s.
    const delay = Math.min(10_000, base * 2 ** this.changedStreak);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow();
    }, delay);
  }

  /** Runs a pass now (or joins the one running). Resolves when nothing stale is left or a pair keeps changing. */
  runNow(): Promise<void> {
    if (this.running !== null) return this.running;
    const run = this.pass().catch((error: unknown) => {
      if (!this.disposed) this.options.onError?.(error);
    }).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
    this.running = run;
    return run;
  }

  dispose(): void {
    this.disposed = true;
    this.controller.abort();
    if (this.timer !== null) clearTimeout(this.timer);
  }

  private async pass(): Promise<void> {
    const tried = new Set<string>();
    let changed = false;
    for (;;) {
      if (this.disposed) return;
      const due = (await pairsToRebuild(this.db)).filter((l) => !tried.has(`${l.accountId}\u0000${l.symbol}`));
      const next = due[0];
      if (next === undefined) {
        this.changedStreak = changed ? this.changedStreak + 1 : 0;
        return;
      }
      tried.add(`${next.accountId}\u0000${next.symbol}`);
      const outcome = await rebuildPair(this.db, next.accountId, next.symbol, {
        signal: this.controller.signal, pause: this.options.pause, chunkSize: this.options.chunkSize, now: this.options.now,
      });
      // Rows arrived meanwhile (a sync is writing this pair): try again after the next quiet period.
      if (outcome === 'changed') {
        changed = true;
        this.again = true;
      }
    }
  }
}
