import { AppError } from '../../shared/errors';
import type { Clock } from '../../shared/time/clock';

/** The engine's clock type is shared/time/clock.ts's; this file holds the system clock and the waits on a clock. */
export type { Clock };

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
