import { describe, expect, it } from 'vitest';
import { binanceObservation, requestWeightLimit } from './observe';

// The rateLimits array as Binance's Spot API docs ("Exchange information") show it.
const spotRateLimits = [
  { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
  { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
  { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
];

describe('exchangeInfo REQUEST_WEIGHT', () => {
  it('reads the weight limit and its window; orders and raw requests are not weight', () => {
    expect(requestWeightLimit({ rateLimits: spotRateLimits })).toEqual({ limit: 6000, windowMs: 60_000 });
    expect(requestWeightLimit({ rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 1200 }] })).toEqual({ limit: 1200, windowMs: 60_000 });
  });

  it('ignores bodies without it or with nonsense in it', () => {
    expect(requestWeightLimit(undefined)).toBeUndefined();
    expect(requestWeightLimit([{ id: 1 }])).toBeUndefined();
    expect(requestWeightLimit({ rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'WEEK', intervalNum: 1, limit: 5 }] })).toBeUndefined();
    expect(requestWeightLimit({ rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: -1 }] })).toBeUndefined();
  });

  it('an exchangeInfo response observation carries it, with the used-weight header', () => {
    const obs = binanceObservation({ status: 200, headers: { 'x-mbx-used-weight-1m': '20' }, body: '', parsed: { rateLimits: spotRateLimits } }, 0);
    expect(obs).toEqual({ status: 200, usedWeight: 20, weightLimit: { limit: 6000, windowMs: 60_000 } });
  });
});
