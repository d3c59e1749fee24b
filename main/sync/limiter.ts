import type Bottleneck from 'bottleneck';
import { createLocalBottleneck } from './bottleneck-local';
import type { LimiterUsage } from '../../shared/domain/engine';
import type { WaitReason } from '../../shared/domain/types';
import type { Settings } from '../../shared/settings';
import { retryAfterPauseMs } from '../../shared/sync/backoff';
import { newWindowState, observeUsage, sendAllWaitMs, tryReserve, usedWeight, type WindowSpec, type WindowState } from '../../shared/sync/window';
import type { BucketSpec, RateObservation } from '../exchange/adapter';
import { sleep, throwIfAborted, type Clock } from './clock';

/** Told when a request starts waiting for the bucket (and until when), and `null` when it goes. */
export type WaitListener = (wait: { until: number; reason: Exclude<WaitReason, 'backoff'> } | null) => void;

/**
 * One rate bucket (an exchange's weight budget, e.g. Binance spot per IP).
 *
 * Bottleneck bounds how many requests are in flight on the bucket (settings.sync.maxInFlightRequests).
 * Bottleneck's reservoir cannot express what the exchanges count (a calendar-minute window that
 * other apps also spend, corrected from headers, and a hard stop until Retry-After) and it reads
 * the wall clock, so the weight budget itself is the pure window model in shared/sync/window.ts
 * driven by the injected clock.
 *
 * Invariant 4: a request is sent only in the same synchronous step that checked the pause and
 * reserved its weight, so a Retry-After observed at any earlier moment stops it.
 */
export class BucketLimiter {
  private readonly state: WindowState = newWindowState();
  private pausedUntil = 0;
  /** The limit the exchange announced (exchangeInfo rateLimits); it outranks the adapter's defaults. */
  private announced: { limit: number; windowMs: number } | null = null;
  private readonly bottleneck: Bottleneck;
  private maxConcurrent: number;

  constructor(
    private spec: BucketSpec,
    private readonly clock: Clock,
    private readonly settings: () => Settings,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.maxConcurrent = settings().sync.maxInFlightRequests;
    this.bottleneck = createLocalBottleneck({ maxConcurrent: this.maxConcurrent });
  }

  get bucket(): string {
    return this.spec.bucket;
  }

  /** A newer spec from an adapter (limits change with exchangeInfo). */
  update(spec: BucketSpec): void {
    this.spec = spec;
  }

  /**
   * Waits until `weight` fits and no pause is pending, runs `preflight` (the breaker's admission)
   * and `send` in that same step.
   */
  run<T>(weight: number, send: () => Promise<T>, preflight: () => void, signal?: AbortSignal, onWait?: WaitListener): Promise<T> {
    const max = this.settings().sync.maxInFlightRequests;
    if (max !== this.maxConcurrent) {
      // Settings can change at run time; Bottleneck applies the new bound to queued requests.
      this.maxConcurrent = max;
      this.bottleneck.updateSettings({ maxConcurrent: max });
    }
    return this.bottleneck.schedule(() => this.whenAllowed(weight, send, preflight, signal, onWait));
  }

  private async whenAllowed<T>(weight: number, send: () => Promise<T>, preflight: () => void, signal?: AbortSignal, onWait?: WaitListener): Promise<T> {
    let waited = false;
    for (;;) {
      throwIfAborted(signal);
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        waited = true;
        onWait?.({ until: this.pausedUntil, reason: 'retry_after' });
        await sleep(this.clock, this.pausedUntil - now, signal);
        continue;
      }
      const r = tryReserve(this.windowSpec(), this.state, now, weight);
      if (!r.ok) {
        waited = true;
        onWait?.({ until: now + r.waitMs, reason: 'rate_limit' });
        await sleep(this.clock, r.waitMs, signal);
        continue;
      }
      if (waited) onWait?.(null);
      preflight();
      return send();
    }
  }

  /** Learns from a response (errors included): used weight, remaining, Retry-After. */
  observe(obs: RateObservation): void {
    const now = this.clock.now();
    if (obs.weightLimit !== undefined) this.announced = obs.weightLimit;
    observeUsage(this.windowSpec(), this.state, now, obs);
    if (obs.retryAfterMs !== undefined) this.pause(obs.retryAfterMs);
    else if (obs.status === 429 || obs.status === 418) this.pause(undefined);
    this.onChange();
  }

  /** Stops the whole bucket until Retry-After (+ jitter). Without a value: to the end of the window. */
  pause(retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    const { windowMs } = this.windowSpec();
    const fallback = this.spec.kind === 'fixed' ? Math.floor(now / windowMs) * windowMs + windowMs - now : windowMs;
    const until = now + retryAfterPauseMs(retryAfterMs ?? fallback, () => this.clock.random());
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.onChange();
    }
  }

  usage(): LimiterUsage {
    const now = this.clock.now();
    return {
      bucket: this.spec.bucket,
      used: usedWeight(this.windowSpec(), this.state, now),
      limit: this.windowSpec().limit,
      windowMs: this.windowSpec().windowMs,
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : null,
    };
  }

  /** How long until `weight` more could all be sent: the windows it needs at the budget, and any pause (an ETA's floor). */
  waitToSendMs(weight: number): number {
    const now = this.clock.now();
    const paused = Math.max(0, this.pausedUntil - now);
    return Math.max(paused, sendAllWaitMs(this.windowSpec(), this.state, now, weight));
  }

  async close(): Promise<void> {
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  private windowSpec(): WindowSpec {
    const { limit, windowMs } = this.announced ?? this.spec;
    return { kind: this.spec.kind, windowMs, limit, budgetFraction: this.settings().limiter.budgetFraction };
  }
}
