import { AppError } from '../../shared/errors';

/**
 * Time as the engine sees it. Injected everywhere so tests drive time by hand (a fake clock) and
 * prove timing rules, e.g. that nothing is sent while a Retry-After is pending, without waiting.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
  /** 0 <= r < 1, for jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    // Timers of a background engine must never keep a Node process (tests, CLI) alive.
    t.unref();
    return () => clearTimeout(t);
  },
  random: () => Math.random(),
};

/** The error a wait rejects with when its signal aborts (the signal's reason when it is an AppError). */
export function abortError(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  return reason instanceof AppError ? reason : new AppError('CANCELLED', 'The sync was cancelled.');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortError(signal);
}

/** Waits `ms` on `clock`; rejects early when `signal` aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      cancel();
      if (signal) reject(abortError(signal));
    };
    const cancel = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
