import {
  AuthenticationError, BadRequest, BadResponse, BadSymbol, DDoSProtection, ExchangeNotAvailable, InvalidNonce, NetworkError,
  NullResponse, OnMaintenance, PermissionDenied, AccountSuspended, RateLimitExceeded, RequestTimeout, ArgumentsRequired, BaseError,
} from 'ccxt';
import { BINANCE_BAN_MS, BINANCE_BUCKETS, BINANCE_ERRORS, BYBIT_HEADERS, BYBIT_IP_LIMIT, BYBIT_RET_CODES } from '../../shared/exchanges';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { ResponseCapture } from './capture';
import { redactForDisplay as redact } from '../../shared/sync/sanitize';

/**
 * ccxt errors and raw responses -> AppError with an EXCHANGE_* code. The response (status, body
 * code) decides first, because ccxt's class is sometimes misleading (Binance -2015 after a
 * successful call becomes DDoSProtection; Binance -1021 on some URLs becomes BadRequest); the
 * ccxt class is the fallback for transport failures. Messages are built here, never copied from
 * ccxt (its messages carry the signed URL) and the exchange's own text is redacted.
 */

export type ExchangeFamily = 'binance' | 'bybit';

const LABEL: Record<ExchangeFamily, string> = { binance: 'Binance', bybit: 'Bybit' };

const DESCRIPTION: Record<ErrorCode & `EXCHANGE_${string}`, string> = {
  EXCHANGE_TRANSIENT: 'the exchange did not answer properly (network, timeout or server error)',
  EXCHANGE_RATE_LIMITED: 'the exchange asked us to slow down',
  EXCHANGE_CLOCK_SKEW: "this computer's clock differs from the exchange's",
  EXCHANGE_AUTH: 'the API key was rejected (check the key and secret, or whether it was deleted)',
  EXCHANGE_PERMISSION: 'the API key lacks a permission or is restricted to other IP addresses',
  EXCHANGE_BAD_REQUEST: 'the exchange rejected the request parameters',
  EXCHANGE_BAD_SYMBOL: 'the exchange does not know this market',
  EXCHANGE_MAINTENANCE: 'the exchange is under maintenance',
  EXCHANGE_BAD_RESPONSE: 'the exchange sent a response that could not be read',
};

type ExchangeCode = keyof typeof DESCRIPTION;

interface Classified {
  code: ExchangeCode;
  retryAfterMs?: number;
  detail?: string;
}

function retryAfterMs(capture: ResponseCapture, now: number): number | undefined {
  const raw = capture.headers[BYBIT_HEADERS.retryAfter];
  if (raw !== undefined) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(capture.headers[BYBIT_HEADERS.limitReset]);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset - now);
  return undefined;
}

/**
 * When a limit response carries no Retry-After, wait as long as the exchange's own rule says:
 * a Binance 429 lasts until its fixed minute ends, a 418 is a ban of at least 2 minutes, and a
 * Bybit 403 is an IP ban of 10+ minutes.
 */
export function defaultBackoffMs(family: ExchangeFamily, status: number, now: number): number | undefined {
  if (family === 'bybit') return status === 403 ? BYBIT_IP_LIMIT.banMs : undefined;
  if (status === 418) return BINANCE_BAN_MS;
  if (status === 429) return BINANCE_BUCKETS.api.windowMs - (now % BINANCE_BUCKETS.api.windowMs);
  return undefined;
}

function bodyCode(family: ExchangeFamily, parsed: unknown): { code: number; msg: string } | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const p = parsed as Record<string, unknown>;
  const code = family === 'binance' ? p['code'] : p['retCode'];
  const msg = family === 'binance' ? p['msg'] : p['retMsg'];
  const n = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : Number.NaN;
  if (!Number.isFinite(n) || n === 0 || n === 200) return null;
  return { code: n, msg: typeof msg === 'string' ? msg : '' };
}

function binanceCode(code: number, msg: string): ExchangeCode | null {
  const E = BINANCE_ERRORS;
  if (/maintenance/i.test(msg)) return 'EXCHANGE_MAINTENANCE';
  switch (code) {
    case E.TOO_MANY_REQUESTS: return 'EXCHANGE_RATE_LIMITED';
    case E.TIMESTAMP_OUTSIDE_RECV_WINDOW: return 'EXCHANGE_CLOCK_SKEW';
    case E.INVALID_SIGNATURE:
    case E.BAD_API_KEY_FMT:
    case E.REJECTED_MBX_KEY:
    case -1002:
      return 'EXCHANGE_AUTH';
    case -1005:
    case -1011:
      return 'EXCHANGE_PERMISSION';
    case E.BAD_SYMBOL: return 'EXCHANGE_BAD_SYMBOL';
    case E.UNKNOWN:
    case -1001:
    case -1006:
    case -1007:
      return 'EXCHANGE_TRANSIENT';
    default:
      return code <= -1100 && code > -1200 ? 'EXCHANGE_BAD_REQUEST' : null;
  }
}

function bybitCode(code: number, msg: string): ExchangeCode | null {
  const R = BYBIT_RET_CODES;
  if (/maintenance/i.test(msg)) return 'EXCHANGE_MAINTENANCE';
  switch (code) {
    case R.PARAM_ERROR: return /symbol/i.test(msg) ? 'EXCHANGE_BAD_SYMBOL' : 'EXCHANGE_BAD_REQUEST';
    case R.TIMESTAMP_EXPIRED: return 'EXCHANGE_CLOCK_SKEW';
    case R.INVALID_KEY:
    case R.BAD_SIGNATURE:
    case R.KEY_EXPIRED:
      return 'EXCHANGE_AUTH';
    case R.PERMISSION_DENIED:
    case R.UNMATCHED_IP:
      return 'EXCHANGE_PERMISSION';
    case R.TOO_MANY_VISITS: return 'EXCHANGE_RATE_LIMITED';
    case R.SYSTEM_ERROR:
    case 10000:
      return 'EXCHANGE_TRANSIENT';
    default:
      return null;
  }
}

function fromResponse(family: ExchangeFamily, capture: ResponseCapture, now: number): Classified | null {
  const { status } = capture;
  if (status === 429 || status === 418 || (status === 403 && family === 'bybit')) {
    const r = retryAfterMs(capture, now) ?? defaultBackoffMs(family, status, now);
    return { code: 'EXCHANGE_RATE_LIMITED', ...(r === undefined ? {} : { retryAfterMs: r }), detail: status === 418 ? 'IP banned for a while' : `HTTP ${status}` };
  }
  const body = bodyCode(family, capture.parsed);
  if (body !== null) {
    const code = family === 'binance' ? binanceCode(body.code, body.msg) : bybitCode(body.code, body.msg);
    if (code !== null) {
      const r = code === 'EXCHANGE_RATE_LIMITED' ? retryAfterMs(capture, now) : undefined;
      // Auth failures may echo the signed payload: keep only the code.
      const detail = code === 'EXCHANGE_AUTH' ? `code ${body.code}` : `code ${body.code}: ${redact(body.msg)}`;
      return { code, ...(r === undefined ? {} : { retryAfterMs: r }), detail };
    }
  }
  if (status === 403 && family === 'binance') return { code: 'EXCHANGE_RATE_LIMITED', detail: 'HTTP 403 (web application firewall)' };
  if (status === 503 && /maintenance/i.test(capture.body)) return { code: 'EXCHANGE_MAINTENANCE', detail: 'HTTP 503' };
  if (status >= 500) return { code: 'EXCHANGE_TRANSIENT', detail: `HTTP ${status}` };
  if (status === 401) return { code: 'EXCHANGE_AUTH', detail: 'HTTP 401' };
  if (body !== null) return { code: status >= 400 ? 'EXCHANGE_BAD_REQUEST' : 'EXCHANGE_TRANSIENT', detail: `code ${body.code}: ${redact(body.msg)}` };
  if (status >= 200 && status < 300 && capture.body.length > 0 && capture.parsed === undefined) return { code: 'EXCHANGE_BAD_RESPONSE', detail: 'malformed JSON' };
  return null;
}

/** ccxt class fallback. Order matters: subclasses before their parents. */
function fromClass(error: unknown): Classified {
  if (error instanceof OnMaintenance) return { code: 'EXCHANGE_MAINTENANCE' };
  if (error instanceof InvalidNonce) return { code: 'EXCHANGE_CLOCK_SKEW' };
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) return { code: 'EXCHANGE_RATE_LIMITED' };
  if (error instanceof RequestTimeout) return { code: 'EXCHANGE_TRANSIENT', detail: 'request timed out' };
  if (error instanceof ExchangeNotAvailable || error instanceof NetworkError) return { code: 'EXCHANGE_TRANSIENT', detail: 'network error' };
  if (error instanceof PermissionDenied || error instanceof AccountSuspended) return { code: 'EXCHANGE_PERMISSION' };
  if (error instanceof AuthenticationError) return { code: 'EXCHANGE_AUTH' };
  if (error instanceof BadSymbol) return { code: 'EXCHANGE_BAD_SYMBOL' };
  if (error instanceof BadRequest || error instanceof ArgumentsRequired) return { code: 'EXCHANGE_BAD_REQUEST' };
  if (error instanceof BadResponse || error instanceof NullResponse) return { code: 'EXCHANGE_BAD_RESPONSE' };
  if (error instanceof BaseError) return { code: 'EXCHANGE_TRANSIENT', detail: 'exchange error' };
  // Anything else thrown while ccxt parsed a response (TypeError on a truncated body, ...).
  return { code: 'EXCHANGE_BAD_RESPONSE', detail: 'unreadable response' };
}

export function mapExchangeError(family: ExchangeFamily, error: unknown, capture: ResponseCapture | null, now: number): AppError {
  if (error instanceof AppError) return error;
  const c = (capture === null ? null : fromResponse(family, capture, now)) ?? fromClass(error);
  const detail = c.detail === undefined ? '' : ` (${c.detail})`;
  return new AppError(c.code, `${LABEL[family]}: ${DESCRIPTION[c.code]}${detail}.`, c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs });
}

/** A 2xx whose body did not parse: ccxt returns the raw text instead of throwing. */
export function malformedResponse(family: ExchangeFamily): AppError {
  return new AppError('EXCHANGE_BAD_RESPONSE', `${LABEL[family]}: ${DESCRIPTION.EXCHANGE_BAD_RESPONSE} (malformed JSON).`);
}
