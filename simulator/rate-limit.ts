import { BINANCE_BAN_MS, BINANCE_BUCKETS, BYBIT_BUCKETS, BYBIT_IP_LIMIT, type BinanceBucketName, type BybitBucketName } from '../shared/exchanges';

/**
 * Server-side rate limits as the exchanges enforce them.
 * Binance: weight per fixed calendar window per bucket (per IP); over the limit = 429 with
 * Retry-After until the window ends; another request while that Retry-After is pending = 418 ban.
 * Bybit: per-key rolling window per endpoint group (retCode 10006) and an IP-wide limit (403).
 * Window lengths and limits are injectable so tests never wait a real minute.
 */

export interface BinanceLimitConfig {
  windowMs: number;
  /** Buckets left out keep the exchange's limit. */
  limits: Partial<Record<BinanceBucketName, number>>;
  banMs: number;
}

export type BinanceVerdict =
  | { kind: 'ok'; usedWeight: number }
  | { kind: 'limited'; usedWeight: number; retryAfterMs: number }
  | { kind: 'banned'; usedWeight: number; retryAfterMs: number };

export function defaultBinanceLimits(): BinanceLimitConfig {
  return {
    windowMs: BINANCE_BUCKETS.api.windowMs,
    limits: { api: BINANCE_BUCKETS.api.limit, fapi: BINANCE_BUCKETS.fapi.limit, sapi: BINANCE_BUCKETS.sapi.limit },
    banMs: BINANCE_BAN_MS,
  };
}

export class BinanceLimiter {
  private readonly used = new Map<BinanceBucketName, { windowStart: number; weight: number }>();
  /** Set after a 429: sending before this earns a ban. */
  private readonly retryAfterUntil = new Map<BinanceBucketName, number>();
  private bannedUntil = 0;

  constructor(readonly config: BinanceLimitConfig) {}

  private windowOf(bucket: BinanceBucketName, now: number): { windowStart: number; weight: number } {
    const windowStart = Math.floor(now / this.config.windowMs) * this.config.windowMs;
    const current = this.used.get(bucket);
    if (current !== undefined && current.windowStart === windowStart) return current;
    const fresh = { windowStart, weight: 0 };
    this.used.set(bucket, fresh);
    return fresh;
  }

  usedWeight(bucket: BinanceBucketName, now: number): number {
    return this.windowOf(bucket, now).weight;
  }

  /** Charges the request and says whether it may be served. */
  charge(bucket: BinanceBucketName, weight: number, now: number): BinanceVerdict {
    const window = this.windowOf(bucket, now);
    if (now < this.bannedUntil) return { kind: 'banned', usedWeight: window.weight, retryAfterMs: this.bannedUntil - now };
    const pending = this.retryAfterUntil.get(bucket) ?? 0;
    if (now < pending) {
      // The client ignored Retry-After: Binance bans the IP.
      this.bannedUntil = now + this.config.banMs;
      return { kind: 'banned', usedWeight: window.weight, retryAfterMs: this.config.banMs };
    }
    window.weight += weight;
    if (window.weight > (this.config.limits[bucket] ?? BINANCE_BUCKETS[bucket].limit)) {
      const retryAfterMs = window.windowStart + this.config.windowMs - now;
      this.retryAfterUntil.set(bucket, now + retryAfterMs);
      return { kind: 'limited', usedWeight: window.weight, retryAfterMs };
    }
    return { kind: 'ok', usedWeight: window.weight };
  }

  /** Forces a ban (fault injection). */
  ban(now: number, ms: number): void {
    this.bannedUntil = now + ms;
  }
}

export interface BybitLimitConfig {
  /** Window of the per-second buckets (tests stretch it); per-minute buckets keep their own. */
  windowMs: number;
  /** Buckets left out keep the exchange's limit. */
  limits: Partial<Record<BybitBucketName, number>>;
  ipLimit: number;
  ipWindowMs: number;
  ipBanMs: number;
}

export function defaultBybitLimits(): BybitLimitConfig {
  const limits = {} as Record<BybitBucketName, number>;
  for (const name of Object.keys(BYBIT_BUCKETS) as BybitBucketName[]) limits[name] = BYBIT_BUCKETS[name].limit;
  return { windowMs: BYBIT_BUCKETS.execution.windowMs, limits, ipLimit: BYBIT_IP_LIMIT.limit, ipWindowMs: BYBIT_IP_LIMIT.windowMs, ipBanMs: BYBIT_IP_LIMIT.banMs };
}

export type BybitVerdict =
  | { kind: 'ok'; remaining: number; limit: number; resetAt: number }
  | { kind: 'limited'; remaining: 0; limit: number; resetAt: number }
  | { kind: 'ipBanned'; retryAfterMs: number };

export class BybitLimiter {
  private readonly hits = new Map<string, number[]>();
  private ipHits: number[] = [];
  private ipBannedUntil = 0;

  constructor(readonly config: BybitLimitConfig) {}

  private prune(list: number[], now: number, windowMs: number): number[] {
    return list.filter((t) => t > now - windowMs);
  }

  /** IP-wide check, for every request (public ones too). */
  chargeIp(now: number): BybitVerdict | null {
    if (now < this.ipBannedUntil) return { kind: 'ipBanned', retryAfterMs: this.ipBannedUntil - now };
    this.ipHits = this.prune(this.ipHits, now, this.config.ipWindowMs);
    this.ipHits.push(now);
    if (this.ipHits.length > this.config.ipLimit) {
      this.ipBannedUntil = now + this.config.ipBanMs;
      return { kind: 'ipBanned', retryAfterMs: this.config.ipBanMs };
    }
    return null;
  }

  /** Per key and endpoint group, rolling window. */
  charge(identity: string, bucket: BybitBucketName, now: number): BybitVerdict {
    const key = `${identity}|${bucket}`;
    const spec = BYBIT_BUCKETS[bucket];
    const windowMs = spec.windowMs === BYBIT_BUCKETS.execution.windowMs ? this.config.windowMs : spec.windowMs;
    const list = this.prune(this.hits.get(key) ?? [], now, windowMs);
    const limit = this.config.limits[bucket] ?? spec.limit;
    const oldest = list[0] ?? now;
    if (list.length >= limit) {
      this.hits.set(key, list);
      return { kind: 'limited', remaining: 0, limit, resetAt: oldest + windowMs };
    }
    list.push(now);
    this.hits.set(key, list);
    const first = list[0] ?? now;
    return { kind: 'ok', remaining: limit - list.length, limit, resetAt: first + windowMs };
  }

  banIp(now: number, ms: number): void {
    this.ipBannedUntil = now + ms;
  }
}
