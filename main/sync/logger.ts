import { sanitizeValue } from '../../shared/sync/sanitize';
import type { Logger as AppLogger } from '../log/logger';

/** The part of the app's logger (main/log) the engine writes to; tests pass a smaller one. */
export type Logger = Pick<AppLogger, 'info' | 'warn' | 'error'>;

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Wraps a logger so nothing secret reaches it (invariant 5), whatever the call site passes. */
export function sanitizingLogger(inner: Logger): Logger {
  const clean = (data?: Record<string, unknown>): Record<string, unknown> | undefined =>
    data === undefined ? undefined : (sanitizeValue(data) as Record<string, unknown>);
  return {
    info: (m, d) => inner.info(String(sanitizeValue(m)), clean(d)),
    warn: (m, d) => inner.warn(String(sanitizeValue(m)), clean(d)),
    error: (m, d) => inner.error(String(sanitizeValue(m)), clean(d)),
  };
}
