import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { pageRetryDelayMs } from '../../shared/sync/backoff';
import { errorAction } from '../../shared/sync/classify';
import { toSafeError } from '../../shared/sync/sanitize';
import type { ExchangeAdapter } from '../exchange/adapter';
import { sleep, throwIfAborted, type Clock } from './clock';
import type { Logger } from './logger';

export interface PageRetryDeps {
  clock: Clock;
  settings: Settings;
  signal: AbortSignal;
  adapter: Pick<ExchangeAdapter, 'resyncClock'>;
  logger: Logger;
  /** Called once per retry (counted in the SyncLog). */
  onRetry: () => void;
  /** Told when a backoff sleep starts (and until when) and ends, for the progress line. */
  onWait?: (wait: { until: number; reason: 'backoff' } | null) => void;
  /**
   * Aborted when a lane running beside this one failed (main/sync/pipeline.ts): the attempt fails
   * anyway, so a page that fails now is not retried (nor waited for) and the attempt ends soon; a
   * page that succeeds goes on, so a healthy stage still completes its kind.
   */
  giveUp?: AbortSignal;
}

/** Errors the adapter did not map are treated as transient (bounded by the page budget), never trusted further. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const safe = toSafeError(error);
  return new AppError('EXCHANGE_TRANSIENT', safe.message, { cause: error });
}

/**
 * Runs one page request with page-level retries (settings.retry.page*): transient errors back off
 * exponentially with jitter; clock skew resyncs the clock first; a rate limit retries at once
 * because the gate already holds the bucket until Retry-After. An open breaker whose next probe
 * is due within `pageCapMs` is waited out here, without using up an attempt (the breaker's own
 * cool-down grows, so this ends): the page is the probe, and a short outage costs seconds, not a
 * job retry. Everything else is thrown to the job (bad symbol, credentials, a long-open breaker,
 * cancel).
 */
export async function withPageRetry<T>(what: string, fn: () => Promise<T>, deps: PageRetryDeps): Promise<T> {
  const policy = { baseMs: deps.settings.retry.pageBaseMs, capMs: deps.settings.retry.pageCapMs };
  const attempts = deps.settings.retry.pageAttempts;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(deps.signal);
    try {
      return await fn();
    } catch (raw) {
      const error = asAppError(raw);
      if (deps.giveUp?.aborted === true) throw error;
      const action = errorAction(error.code);
      const probeIn = error.retryAfterMs ?? Number.POSITIVE_INFINITY;
      if (action === 'circuit_open' && probeIn <= deps.settings.retry.pageCapMs) {
        attempt--;
        await waitFor(deps, Math.max(50, probeIn), error);
        continue;
      }
      const retryable = action === 'transient' || action === 'rate_limited' || action === 'clock_skew';
      if (!retryable || attempt >= attempts) throw error;
      deps.onRetry();
      deps.logger.warn('page request failed, retrying', { what, attempt, code: error.code, message: toSafeError(error).message });
      if (action === 'clock_skew') {
        await deps.adapter.resyncClock();
      } else if (action === 'transient') {
        await waitFor(deps, pageRetryDelayMs(attempt - 1, policy, () => deps.clock.random()), error);
      }
    }
  }
}

/** Sleeps before a retry; a sibling lane's failure (`giveUp`) ends the wait with the page's own error. */
async function waitFor(deps: PageRetryDeps, delay: number, error: AppError): Promise<void> {
  deps.onWait?.({ until: deps.clock.now() + delay, reason: 'backoff' });
  try {
    await sleep(deps.clock, delay, deps.giveUp === undefined ? deps.signal : AbortSignal.any([deps.signal, deps.giveUp]));
  } catch (aborted) {
    if (!deps.signal.aborted && deps.giveUp?.aborted === true) throw error;
    throw aborted;
  } finally {
    deps.onWait?.(null);
  }
}
