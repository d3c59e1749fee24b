import type { LimiterUsage } from '../../shared/domain/engine';
import { AppError } from '../../shared/errors';
import type { BucketSpec, RateObservation, RequestCost, RequestGate } from '../exchange/adapter';
import { sleep, type Clock } from '../sync/clock';

/**
 * The gate market data (klines for charts) goes through: the engine's own gate, so the same
 * limiter, breakers and Retry-After pauses apply, but only with a small share of each bucket.
 * A kline request is sent only while the bucket's used weight in the current window, plus the
 * request's own, stays within `share` of the bucket's limit, and one at a time. A sync that is
 * using the bucket therefore keeps (1 - share) of it to itself; charts of cached candles never
 * wait at all, and a chart that needs new candles during a heavy sync waits for a quiet window.
 */

/** Share of a bucket's weight budget market data may use (the sync keeps the rest). */
export const MARKET_DATA_SHARE = 0.1;
/** How long a kline request waits for its share before failing with a typed rate-limit error. */
export const MARKET_DATA_MAX_WAIT_MS = 45_000;
const POLL_MS = 250;

export interface UsageGate extends RequestGate {
  limiterUsage(): LimiterUsage[];
  register(specs: readonly BucketSpec[]): void;
}

export class MarketDataGate implements RequestGate {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly gate: UsageGate,
    private readonly clock: Clock,
    private readonly share: number = MARKET_DATA_SHARE,
    private readonly maxWaitMs: number = MARKET_DATA_MAX_WAIT_MS,
  ) {}

  /** True when `cost` fits the share now (no pause pending, used + weight within share x limit). */
  fits(cost: RequestCost): boolean {
    const usage = this.gate.limiterUsage().find((u) => u.bucket === cost.bucket);
    if (usage === undefined) return true;
    if (usage.pausedUntil !== null) return false;
    return usage.used + cost.weight <= usage.limit * this.share;
  }

  run<T>(cost: RequestCost, send: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.whenFits(cost)).then(() => this.gate.run(cost, send));
    // One market-data request at a time, whatever the outcome of the one before.
    this.tail = result.catch(() => undefined);
    return result;
  }

  observe(bucket: string, observation: RateObservation): void {
    this.gate.observe(bucket, observation);
  }

  private async whenFits(cost: RequestCost): Promise<void> {
    const started = this.clock.now();
    while (!this.fits(cost)) {
      const waited = this.clock.now() - started;
      if (waited >= this.maxWaitMs) {
        throw new AppError('EXCHANGE_RATE_LIMITED', 'The chart is waiting: a sync is using the exchange\'s request budget. Candles load when it quiets down.', { retryAfterMs: POLL_MS * 4 });
      }
      await sleep(this.clock, POLL_MS);
    }
  }
}
