import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { breakerGroupsOf, gateScopeOf } from '../../shared/sync/gate-scope';
import { EngineGate } from '../sync/gate';
import { FakeClock, settle } from '../../testing/sync/fakeClock';
import { binanceBuckets } from './binance/costs';
import { scopedBuckets, scopedGate } from './scoped-gate';

const START = Date.UTC(2026, 10, 22, 14, 0, 5);
const spot = { bucket: 'binance:api', weight: 20, group: 'binance:spot' };

describe('gate scopes: the demo, testnets and proxies never touch the production budget or breakers', () => {
  it('names scopes after the server the requests go to', () => {
    expect(gateScopeOf({ exchange: 'binance', testnet: false })).toBe('');
    expect(gateScopeOf({ exchange: 'bybit', testnet: true })).toBe('testnet/');
    expect(gateScopeOf({ exchange: 'demo', testnet: false })).toBe('demo/');
  });

  it('picks an account\'s own breaker groups out of all of them', () => {
    const groups = ['binance:spot', 'demo/binance:spot', 'bybit:linear', 'demo/binance:wallet', 'testnet/bybit:linear'];
    expect(breakerGroupsOf({ exchange: 'demo', testnet: false }, groups)).toEqual(['demo/binance:spot', 'demo/binance:wallet']);
    expect(breakerGroupsOf({ exchange: 'binance', testnet: false }, groups)).toEqual(['binance:spot']);
    expect(breakerGroupsOf({ exchange: 'bybit', testnet: true }, groups)).toEqual(['testnet/bybit:linear']);
  });

  it('a failing demo opens only its own breaker, and its 418 holds only its own buckets', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, breaker: { ...DEFAULT_SETTINGS.breaker, failureThreshold: 1 } };
    const clock = new FakeClock(START);
    const gate = new EngineGate(clock, () => settings);
    gate.register(binanceBuckets());
    gate.register(scopedBuckets(binanceBuckets(), 'demo/'));
    const demo = scopedGate(gate, 'demo/');
    await demo.run(spot, () => Promise.reject(new AppError('EXCHANGE_TRANSIENT', 'HTTP 502'))).catch(() => undefined);
    expect(gate.breakerStates()).toEqual([expect.objectContaining({ group: 'demo/binance:spot', phase: 'open' })]);
    // Production Binance still sends at once.
    expect(await gate.run(spot, () => Promise.resolve('ok'))).toBe('ok');

    demo.observe('binance:api', { status: 418, retryAfterMs: 120_000 });
    const paused = gate.limiterUsage().filter((u) => u.pausedUntil !== null).map((u) => u.bucket).sort();
    expect(paused).toEqual(scopedBuckets(binanceBuckets(), 'demo/').map((b) => b.bucket).sort());
    const sent: number[] = [];
    await gate.run({ bucket: 'binance:fapi', weight: 5, group: 'binance:linear' }, () => Promise.resolve(sent.push(clock.now())));
    await settle(5);
    expect(sent).toEqual([START]);
  });
});
