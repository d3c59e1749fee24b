import { BINANCE_BUCKETS, BINANCE_GROUPS, BINANCE_STATUS_PATH, binanceBucketOfPath, binanceEndpoint } from '../../../shared/exchanges';
import type { BucketSpec, RequestCost } from '../adapter';

/** Weight and bucket of a Binance request, from the shared wire table. */
export function binanceCost(urlPath: string, params: Record<string, unknown>): RequestCost {
  const spec = binanceEndpoint(urlPath);
  const name = spec?.bucket ?? binanceBucketOfPath(urlPath);
  // myTrades narrowed to one order costs 5 instead of 20.
  const weight = urlPath === '/api/v3/myTrades' && params['orderId'] !== undefined ? 5 : spec?.weight ?? 1;
  const cost = { bucket: BINANCE_BUCKETS[name].bucket, weight, group: spec?.group ?? BINANCE_GROUPS[name] };
  return urlPath === BINANCE_STATUS_PATH ? { ...cost, probe: true } : cost;
}

export function binanceBuckets(): BucketSpec[] {
  return Object.values(BINANCE_BUCKETS).map((b) => ({ bucket: b.bucket, limit: b.limit, windowMs: b.windowMs, kind: 'fixed' }));
}
