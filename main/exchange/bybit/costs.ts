import { BYBIT_BUCKETS, BYBIT_GROUPS, BYBIT_STATUS_PATH, bybitBucketOfPath, bybitEndpoint } from '../../../shared/exchanges';
import type { BucketSpec, RequestCost } from '../adapter';

/** Bybit counts requests (weight 1) per endpoint group; breaker groups follow the category. */
export function bybitCost(urlPath: string, params: Record<string, unknown>): RequestCost {
  const name = bybitEndpoint(urlPath)?.bucket ?? bybitBucketOfPath(urlPath);
  const category = params['category'];
  const group = category === 'spot' ? BYBIT_GROUPS.spot
    : category === 'linear' ? BYBIT_GROUPS.linear
      : name === 'market' ? BYBIT_GROUPS.public : BYBIT_GROUPS.wallet;
  const cost = { bucket: BYBIT_BUCKETS[name].bucket, weight: 1, group };
  return urlPath === BYBIT_STATUS_PATH ? { ...cost, probe: true } : cost;
}

export function bybitBuckets(): BucketSpec[] {
  return Object.values(BYBIT_BUCKETS).map((b) => ({ bucket: b.bucket, limit: b.limit, windowMs: b.windowMs, kind: 'rolling' }));
}
