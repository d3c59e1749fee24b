import type { ErrorCode } from '../errors';
import { assertNever } from '../never';

/**
 * What the engine does with each error code. One exhaustive switch, so a new code cannot be added
 * without deciding how the sync treats it.
 */
export type ErrorAction =
  /** Retry the page with backoff; after the page budget, retry the job later. */
  | 'transient'
  /** The bucket is paused until Retry-After; then retry. */
  | 'rate_limited'
  /** Resync the clock with the exchange, then retry. */
  | 'clock_skew'
  /** Keys are wrong or revoked: stop, mark the account, pause its schedule. */
  | 'credentials'
  /** This symbol is unknown or delisted: record it and go on with the others. */
  | 'bad_symbol'
  /** The endpoint group's breaker is open: retry the job when it half-opens. */
  | 'circuit_open'
  /** Cancel or shutdown: stop quietly. */
  | 'stop'
  /** A bug, bad input or a broken store: fail the job without retrying pages. */
  | 'fatal'
  /** The store is unreachable (IPC down): retry the job later, pages are pointless. */
  | 'store';

export function errorAction(code: ErrorCode): ErrorAction {
  switch (code) {
    case 'EXCHANGE_TRANSIENT':
    case 'EXCHANGE_MAINTENANCE':
    case 'EXCHANGE_BAD_RESPONSE':
    case 'TIMEOUT':
      return 'transient';
    case 'EXCHANGE_RATE_LIMITED':
      return 'rate_limited';
    case 'EXCHANGE_CLOCK_SKEW':
      return 'clock_skew';
    case 'EXCHANGE_AUTH':
    case 'EXCHANGE_PERMISSION':
      return 'credentials';
    case 'EXCHANGE_BAD_SYMBOL':
      return 'bad_symbol';
    case 'CIRCUIT_OPEN':
      return 'circuit_open';
    case 'CANCELLED':
    case 'SHUTTING_DOWN':
      return 'stop';
    case 'STORE_UNAVAILABLE':
    case 'TRANSPORT_CLOSED':
      return 'store';
    case 'INVALID_INPUT':
    case 'UNKNOWN_CHANNEL':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'STORE_FAILED':
    case 'KEYCHAIN_UNAVAILABLE':
    case 'EXCHANGE_BAD_REQUEST':
    case 'INTERNAL':
      return 'fatal';
    default:
      return assertNever(code, 'error code');
  }
}

/** Failures that count against a circuit breaker (the endpoint, not our input, is unwell). */
export function countsForBreaker(code: ErrorCode): boolean {
  const action = errorAction(code);
  return action === 'transient' || action === 'rate_limited';
}
