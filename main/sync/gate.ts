import type { BreakerState, LimiterUsage } from '../../shared/domain/engine';
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { countsForBreaker, errorAction } from '../../shared/sync/classify';
import type { BucketSpec, RateObservation, RequestCost, RequestGate } from '../exchange/adapter';
import { CircuitBreaker } from './breaker';
import type { Clock } from './clock';
import { BucketLimiter, type WaitListener } from './limiter';

/** Counters a job keeps about its own requests (for its SyncLog and progress). */
export interface RequestCounters {
  requests: number;
  weight: number;
}

/**
 * The engine's RequestGate: one limiter per rate bucket plus one breaker per endpoint group, shared
 * by every job (limits are per IP / per key, not per job).
 */
/** `binance:api` -> `binance`: buckets are named after their exchange. */
function exchangeOf(bucket: string): string {
  const i = bucket.indexOf(':');
  return i < 0 ? bucket : bucket.slice(0, i);
}

export class EngineGate implements RequestGate {
  private readonly limiters = new Map<string, BucketLimiter>();
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: () => Settings,
    private readonly onChange: () => void = () => undefined,
    /** An endpoint group's breaker closed after a successful probe: jobs waiting on it may go. */
    private readonly onRecovered: (group: string) => void = () => undefined,
  ) {}

  /** Declares buckets from an adapter's `buckets()`; a later spec for the same bucket wins. */
  register(specs: readonly BucketSpec[]): void {
    for (const spec of specs) {
      const existing = this.limiters.get(spec.bucket);
      if (existing) existing.update(spec);
      else this.limiters.set(spec.bucket, new BucketLimiter(spec, this.clock, this.settings, this.onChange));
    }
  }

  run<T>(cost: RequestCost, send: () => Promise<T>): Promise<T> {
    return this.runWith(cost, send, undefined);
  }

  runWith<T>(cost: RequestCost, send: () => Promise<T>, signal: AbortSignal | undefined, onWait?: WaitListener): Promise<T> {
    const limiter = this.limiter(cost.bucket);
    if (cost.probe === true) return limiter.run(cost.weight, send, () => undefined, signal, onWait);
    const breaker = this.breaker(cost.group);
    // Fail fast while the breaker is open instead of waiting for budget first.
    const state = breaker.state();
    if (state.phase === 'open' && state.reopensAt !== null && this.clock.now() < state.reopensAt) {
      try {
        breaker.admit();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const guarded = async (): Promise<T> => {
      try {
        const result = await send();
        breaker.success();
        return result;
      } catch (error) {
        if (error instanceof AppError) {
          if (countsForBreaker(error.code)) breaker.failure();
          else breaker.neutral();
          // The adapter should have observed the Retry-After; pausing here as well costs nothing.
          if (errorAction(error.code) === 'rate_limited') limiter.pause(error.retryAfterMs);
        } else {
          breaker.failure();
        }
        throw error;
      }
    };
    return limiter.run(cost.weight, guarded, () => breaker.admit(), signal, onWait);
  }

  observe(bucket: string, observation: RateObservation): void {
    this.limiter(bucket).observe(observation);
    // A 418 is a ban of the IP, not of one bucket: no bucket of that exchange sends until it ends
    // (another bucket's request inside the ban would only lengthen it).
    if (observation.status === 418) {
      const exchange = exchangeOf(bucket);
      for (const [name, limiter] of this.limiters) if (name !== bucket && exchangeOf(name) === exchange) limiter.pause(observation.retryAfterMs);
    }
  }

  resetBreaker(group: string): boolean {
    const b = this.breakers.get(group);
    if (!b) return false;
    b.reset();
    return true;
  }

  breakerStates(): BreakerState[] {
    return [...this.breakers.values()].map((b) => b.state());
  }

  limiterUsage(): LimiterUsage[] {
    return [...this.limiters.values()].map((l) => l.usage());
  }

  /** How long until `weight` more could all be sent on `bucket` (BucketLimiter.waitToSendMs); 0 for a bucket not declared. */
  waitToSendMs(bucket: string, weight: number): number {
    return this.limiters.get(bucket)?.waitToSendMs(weight) ?? 0;
  }

  /** A gate for one job: its cancel signal reaches every wait, its requests are counted, and its waits reported. */
  forJob(signal: AbortSignal, counters: RequestCounters, onWait?: WaitListener): RequestGate {
    return {
      run: <T>(cost: RequestCost, send: () => Promise<T>): Promise<T> =>
        this.runWith(cost, () => {
          counters.requests++;
          counters.weight += cost.weight;
          return send();
        }, signal, onWait),
      observe: (bucket, observation) => this.observe(bucket, observation),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.close()));
  }

  private limiter(bucket: string): BucketLimiter {
    let l = this.limiters.get(bucket);
    if (!l) {
      // An adapter charged a bucket it did not declare: be conservative (Binance's smallest budget).
      l = new BucketLimiter({ bucket, limit: 1200, windowMs: 60_000, kind: 'fixed' }, this.clock, this.settings, this.onChange);
      this.limiters.set(bucket, l);
    }
    return l;
  }

  private breaker(group: string): CircuitBreaker {
    let b = this.breakers.get(group);
    if (!b) {
      b = new CircuitBreaker(group, this.clock, this.settings, this.onChange, this.onRecovered);
      this.breakers.set(group, b);
    }
    return b;
  }
}
