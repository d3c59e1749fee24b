import type { LimiterUsage } from '../../shared/domain/engine';
import { AppError } from '../../shared/errors';
import type { BucketSpec, RateObservation, RequestCost, RequestGate } from '../exchange/adapter';
import { sleep, type Clock } from '../sync/clock';

/**
 * The gate market data (klines for charts) goes through: the engine's own gate, so the same
 * limiter, breakers and Retry-After pauses apply, with a small share of each bucket. Market data
 * is sent one request at a time, never while the bucket is paused, never past what is left of the
 * bucket's window, and never more than `share` of the bucket's limit per window by itself. A sync
 * running flat out therefore keeps at least (1 - share) of every window; a chart costs a few
 * requests (Binance spot: weight 2 of 6000 a minute), and charts of cached candles send nothing.
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
  /** What market data itself sent, per bucket: [time, weight], oldest first. */
  private readonly sent = new Map<string, [number, number][]>();

  constructor(
    private readonly gate: UsageGate,
    private readonly clock: Clock,
    private readonly share: number = MARKET_DATA_SHARE,
    private readonly maxWaitMs: number = MARKET_DATA_MAX_WAIT_MS,
  ) {}

  /** True when `cost` fits now: no pause pending, room left in the window, and within market data's own share. */
  fits(cost: RequestCost): boolean {
    const usage = this.gate.limiterUsage().find((u) => u.bucket === cost.bucket);
    if (usage === undefined) return true;
    if (usage.pausedUntil !== null) return false;
    if (usage.used + cost.weight > usage.limit) return false;
    return this.ownWeight(cost.bucket, usage.windowMs) + cost.weight <= usage.limit * this.share;
  }

  run<T>(cost: RequestCost, send: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.whenFits(cost)).then(() => {
      const list = this.sent.get(cost.bucket) ?? [];
      list.push([this.clock.now(), cost.weight]);
      this.sent.set(cost.bucket, list);
      return this.gate.run(cost, send);
    });
    // One market-data request at a time, whatever the outcome of the one before.
    this.tail = result.catch(() => undefined);
    return result;
  }

  observe(bucket: string, observation: RateObservation): void {
    this.gate.observe(bucket, observation);
  }

  /** Weight market data sent on `bucket` within the last window (a rolling view of both window kinds). */
  private ownWeight(bucket: string, windowMs: number): number {
    const list = this.sent.get(bucket);
    if (list === undefined) return 0;
    const since = this.clock.now() - windowMs;
    while (list.length > 0 && (list[0]?.[0] ?? 0) <= since) list.shift();
    return list.reduce((sum, [, w]) => sum + w, 0);
  }

  private async whenFits(cost: RequestCost): Promise<void> {
    const started = this.clock.now();
    while (!this.fits(cost)) {
      const waited = this.clock.now() - started;
      if (waited >= this.maxWaitMs) {
        throw new AppError('EXCHANGE_RATE_LIMITED', 'Candles are waiting for the exchange\'s request budget (a sync is using it, or charts used their share). They load when it frees up.', { retryAfterMs: POLL_MS * 4 });
      }
      await sleep(this.clock, POLL_MS);
    }
  }
}
