import { sanitizeValue } from '../../shared/sync/sanitize';

/** Minimal structured logger the engine writes to; the app passes its own (main/log). */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

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
