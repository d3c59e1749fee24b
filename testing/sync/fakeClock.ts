import type { Clock } from '../../main/sync/clock';

interface Timer { id: number; at: number; fn: () => void }

/** Lets queued promise callbacks and zero-delay real timers (Bottleneck's internal hops) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

/** Settles until `done()` holds or `maxRounds` zero-delay hops passed (Bottleneck needs a few hops per job). */
export async function settleUntil(done: () => boolean, maxRounds = 2000): Promise<boolean> {
  for (let i = 0; i < maxRounds && !done(); i++) await new Promise<void>((r) => setTimeout(r, 0));
  return done();
}

/** A hand-driven clock for tests: time moves only in `advance`, timers fire in time order. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  randomValue = 0.5;

  constructor(start = Date.UTC(2026, 10, 22, 14, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  random(): number {
    return this.randomValue;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { id: ++this.seq, at: this.t + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer due on the way (and what they schedule). */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await settle();
    for (;;) {
      const next = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (next === undefined) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await settle();
    }
    this.t = target;
    await settle();
  }

  /** Advances in steps until `done()` or `maxMs` elapsed; for waiting on engine work in tests. */
  async runUntil(done: () => boolean, maxMs: number, stepMs = 1000): Promise<boolean> {
    for (let waited = 0; waited <= maxMs; waited += stepMs) {
      await settle();
      if (done()) return true;
      await this.advance(stepMs);
    }
    return done();
  }
}
