import type { BreakerPhase, BreakerState } from '../../shared/domain/engine';
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { Clock } from './clock';

/**
 * Circuit breaker for one endpoint group. After `failureThreshold` consecutive transient failures
 * the group opens (requests fail fast with CIRCUIT_OPEN instead of piling onto a sick endpoint);
 * then half-open lets `halfOpenTrials` trial requests through: one success closes it, one failure
 * opens it again. The cool-down grows with each reopening without a close between: `probeBaseMs`,
 * doubled each time, capped at `openMs`. A short outage is then noticed as over within seconds
 * of its end, a long one is probed no more often than every `openMs`. The breaker never decides
 * about Retry-After or bans: the bucket's limiter still holds every request, probes included,
 * until they end. All numbers come from settings.breaker, read at each decision.
 */
export class CircuitBreaker {
  private phase: BreakerPhase = 'closed';
  private failures = 0;
  private reopensAt: number | null = null;
  private trials = 0;
  /** Openings since the breaker was last closed: the cool-down doubles with each. */
  private opens = 0;
  private changedAt: number;

  constructor(
    readonly group: string,
    private readonly clock: Clock,
    private readonly settings: () => Settings,
    private readonly onChange: () => void = () => undefined,
    /** Called when a half-open trial succeeded: the endpoint answers again. */
    private readonly onRecovered: (group: string) => void = () => undefined,
  ) {
    this.changedAt = clock.now();
  }

  /** Throws CIRCUIT_OPEN when no request may go now; otherwise admits one (a trial when half-open). */
  admit(): void {
    const now = this.clock.now();
    if (this.phase === 'open' && this.reopensAt !== null && now >= this.reopensAt) {
      this.set('half_open');
      this.trials = 0;
    }
    switch (this.phase) {
      case 'closed':
        return;
      case 'open':
        throw this.openError(this.reopensAt ?? now);
      case 'half_open':
        if (this.trials < this.settings().breaker.halfOpenTrials) {
          this.trials++;
          return;
        }
        // Trials are out: callers come back after a short wait rather than a full open period.
        throw this.openError(now + 1000);
    }
  }

  success(): void {
    this.failures = 0;
    if (this.phase !== 'closed') {
      this.trials = 0;
      this.reopensAt = null;
      this.opens = 0;
      this.set('closed');
      this.onRecovered(this.group);
    }
  }

  /** A failure of the endpoint itself (transient, rate limited). */
  failure(): void {
    this.failures++;
    const b = this.settings().breaker;
    if (this.phase === 'half_open' || (this.phase === 'closed' && this.failures >= b.failureThreshold)) {
      this.opens++;
      this.reopensAt = this.clock.now() + this.coolDownMs();
      this.trials = 0;
      this.set('open');
    }
  }

  /** An outcome that says nothing about the endpoint's health (bad symbol, cancel): frees a trial slot. */
  neutral(): void {
    if (this.phase === 'half_open' && this.trials > 0) this.trials--;
  }

  /** probeBaseMs * 2^(opens-1), capped at openMs. */
  coolDownMs(): number {
    const b = this.settings().breaker;
    const base = Math.min(b.probeBaseMs, b.openMs);
    return Math.min(b.openMs, base * 2 ** Math.min(30, Math.max(0, this.opens - 1)));
  }

  reset(): void {
    this.failures = 0;
    this.trials = 0;
    this.opens = 0;
    this.reopensAt = null;
    this.set('closed');
  }

  state(): BreakerState {
    return { group: this.group, phase: this.phase, consecutiveFailures: this.failures, reopensAt: this.phase === 'open' ? this.reopensAt : null, changedAt: this.changedAt };
  }

  private set(phase: BreakerPhase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    this.changedAt = this.clock.now();
    this.onChange();
  }

  private openError(until: number): AppError {
    return new AppError('CIRCUIT_OPEN', `Requests to ${this.group} are paused after repeated failures.`, { retryAfterMs: Math.max(0, until - this.clock.now()) });
  }
}
