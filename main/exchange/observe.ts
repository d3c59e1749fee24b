import { BINANCE_HEADERS, BYBIT_HEADERS } from '../../shared/exchanges';
import type { RateObservation } from './adapter';
import type { ResponseCapture } from './capture';
import { defaultBackoffMs } from './errors';

function num(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Retry-After is in seconds on both exchanges (an HTTP date is allowed by the RFC: accept it). */
export function retryAfterHeaderMs(headers: Record<string, string>, now: number): number | undefined {
  const raw = headers[BINANCE_HEADERS.retryAfter];
  const seconds = num(raw);
  if (seconds !== undefined) return seconds * 1000;
  if (raw === undefined) return undefined;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function binanceObservation(capture: ResponseCapture, now: number): RateObservation {
  const obs: RateObservation = { status: capture.status };
  const used = num(capture.headers[BINANCE_HEADERS.usedWeight1m]) ?? num(capture.headers[BINANCE_HEADERS.usedWeight]);
  if (used !== undefined) obs.usedWeight = used;
  const retry = retryAfterHeaderMs(capture.headers, now) ?? defaultBackoffMs('binance', capture.status, now);
  if (retry !== undefined) obs.retryAfterMs = retry;
  const weightLimit = requestWeightLimit(capture.parsed);
  if (weightLimit !== undefined) obs.weightLimit = weightLimit;
  return obs;
}

const INTERVAL_MS: Record<string, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/**
 * The REQUEST_WEIGHT entry of an exchangeInfo body (Spot API "Exchange information", USD-M
 * "Exchange Information"): `{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,
 * "limit":6000}`. The shortest such window is the one a sync runs into.
 */
export function requestWeightLimit(parsed: unknown): { limit: number; windowMs: number } | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const list = (parsed as Record<string, unknown>)['rateLimits'];
  if (!Array.isArray(list)) return undefined;
  let best: { limit: number; windowMs: number } | undefined;
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const unit = typeof e['interval'] === 'string' ? INTERVAL_MS[e['interval']] : undefined;
    const count = Number(e['intervalNum']);
    const limit = Number(e['limit']);
    if (e['rateLimitType'] !== 'REQUEST_WEIGHT' || unit === undefined || !(count > 0) || !(limit > 0)) continue;
    const windowMs = unit * count;
    if (best === undefined || windowMs < best.windowMs) best = { limit, windowMs };
  }
  return best;
}

export function bybitObservation(capture: ResponseCapture, now: number): RateObservation {
  const obs: RateObservation = { status: capture.status };
  const remaining = num(capture.headers[BYBIT_HEADERS.limitStatus]);
  const limit = num(capture.headers[BYBIT_HEADERS.limit]);
  const resetAt = num(capture.headers[BYBIT_HEADERS.limitReset]);
  if (remaining !== undefined) obs.remaining = remaining;
  if (limit !== undefined) obs.limit = limit;
  if (resetAt !== undefined) obs.resetAt = resetAt;
  const retry = retryAfterHeaderMs(capture.headers, now);
  if (retry !== undefined) obs.retryAfterMs = retry;
  else if (capture.status === 403) obs.retryAfterMs = defaultBackoffMs('bybit', 403, now);
  else if (isBybitRateLimited(capture.parsed) && resetAt !== undefined) {
    // Bybit's per-UID limit answers 10006 without Retry-After: wait for the window to reset.
    obs.retryAfterMs = Math.max(0, resetAt - now);
  }
  return obs;
}

function isBybitRateLimited(parsed: unknown): boolean {
  return typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>)['retCode'] === 10006;
}
