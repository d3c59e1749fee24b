import { describe, expect, it } from 'vitest';
import type { LimiterUsage } from '../../shared/domain/engine';
import { AppError } from '../../shared/errors';
import type { RequestCost } from '../exchange/adapter';
import { systemClock } from '../sync/clock';
import { MarketDataGate, type UsageGate } from './share-gate';

const cost: RequestCost = { bucket: 'binance:api', weight: 2, group: 'binance:spot' };

function engineGate(usage: LimiterUsage) {
  const sent: number[] = [];
  const gate: UsageGate = {
    limiterUsage: () => [usage],
    register: () => undefined,
    observe: () => undefined,
    run: async <T,>(c: RequestCost, send: () => Promise<T>): Promise<T> => {
      sent.push(c.weight);
      usage.used += c.weight;
      return send();
    },
  };
  return { gate, sent };
}

describe('MarketDataGate', () => {
  it('takes no more than its share of a window even when the bucket is idle', async () => {
    const usage: LimiterUsage = { bucket: 'binance:api', used: 0, limit: 6000, windowMs: 60_000, pausedUntil: null };
    const { gate, sent } = engineGate(usage);
    // 0.1% of 6000 = 6 weight per window: three requests of weight 2.
    const market = new MarketDataGate(gate, systemClock, 0.001, 400);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => market.run(cost, async () => n)));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const last = results[3];
    expect(last?.status).toBe('rejected');
    expect(last?.status === 'rejected' ? (last.reason as AppError).code : null).toBe('EXCHANGE_RATE_LIMITED');
    expect(sent).toEqual([2, 2, 2]);
  });

  it('sends nothing while the bucket is paused (a Retry-After is pending)', async () => {
    const usage: LimiterUsage = { bucket: 'binance:api', used: 0, limit: 6000, windowMs: 60_000, pausedUntil: Date.now() + 60_000 };
    const { gate, sent } = engineGate(usage);
    const market = new MarketDataGate(gate, systemClock, 0.1, 300);
    await expect(market.run(cost, async () => 1)).rejects.toBeInstanceOf(AppError);
    expect(sent).toEqual([]);
    usage.pausedUntil = null;
    await expect(market.run(cost, async () => 1)).resolves.toBe(1);
  });
});
