/**
 * Typed errors with stable codes (after Actual's `server/errors.ts`): every failure that crosses a
 * process boundary is flattened to `{ code, message }`, where `message` is safe to show a user and
 * never contains a secret. Full (sanitized) detail goes to the log only.
 */
export const ERROR_CODES = [
  // request / input
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  // transport / process
  'TRANSPORT_CLOSED',
  'TIMEOUT',
  'STORE_UNAVAILABLE',
  'STORE_FAILED',
  'KEYCHAIN_UNAVAILABLE',
  // exchange (mapped from ccxt by the adapters)
  'EXCHANGE_TRANSIENT',
  'EXCHANGE_RATE_LIMITED',
  'EXCHANGE_CLOCK_SKEW',
  'EXCHANGE_AUTH',
  'EXCHANGE_PERMISSION',
  'EXCHANGE_BAD_REQUEST',
  'EXCHANGE_BAD_SYMBOL',
  'EXCHANGE_MAINTENANCE',
  'EXCHANGE_BAD_RESPONSE',
  'CIRCUIT_OPEN',
  // engine
  'CANCELLED',
  'SHUTTING_DOWN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses a boundary: plain, serializable, safe. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Milliseconds to wait before trying again, when the failure says so (Retry-After). */
  retryAfterMs?: number;
  /** Field-level problems for INVALID_INPUT. */
  issues?: { path: string; message: string }[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(code: ErrorCode, message: string, extra: Omit<ErrorPayload, 'code' | 'message'> & { cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfterMs = extra.retryAfterMs;
    this.issues = extra.issues;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.retryAfterMs !== undefined) payload.retryAfterMs = this.retryAfterMs;
    if (this.issues !== undefined) payload.issues = this.issues;
    return payload;
  }

  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, {
      ...(payload.retryAfterMs === undefined ? {} : { retryAfterMs: payload.retryAfterMs }),
      ...(payload.issues === undefined ? {} : { issues: payload.issues }),
    });
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isErrorCode(v.code) && typeof v.message === 'string';
}

/**
 * Flatten anything thrown into a safe payload. Unknown errors become INTERNAL with a generic
 * message: their text may hold a signed URL or a key, so it is never passed on verbatim.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  if (isErrorPayload(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'Something went wrong inside the app. The log has the details.' };
}
