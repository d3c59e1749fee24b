import { describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { CircuitBreaker } from './breaker';
import { FakeClock } from '../../testing/sync/fakeClock';

function setup() {
  const clock = new FakeClock();
  let changes = 0;
  const b = new CircuitBreaker('binance:spot', clock, () => DEFAULT_SETTINGS, () => changes++);
  return { clock, b, changes: () => changes };
}

function rejected(b: CircuitBreaker): AppError | null {
  try {
    b.admit();
    return null;
  } catch (e) {
    return e as AppError;
  }
}

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures; a success in between resets the count', () => {
    const { b } = setup();
    for (let i = 0; i < 4; i++) b.failure();
    b.success();
    for (let i = 0; i < 4; i++) b.failure();
    expect(b.state().phase).toBe('closed');
    b.failure();
    expect(b.state().phase).toBe('open');
    const e = rejected(b);
    expect(e?.code).toBe('CIRCUIT_OPEN');
    expect(e?.retryAfterMs).toBe(5_000);
  });

  it('half-opens after its first short cool-down (5 s) with 3 trials; a trial success closes it', async () => {
    const { clock, b, changes } = setup();
    for (let i = 0; i < 5; i++) b.failure();
    await clock.advance(4_999);
    expect(rejected(b)?.code).toBe('CIRCUIT_OPEN');
    await clock.advance(1);
    expect(rejected(b)).toBeNull();
    expect(b.state().phase).toBe('half_open');
    expect(rejected(b)).toBeNull();
    expect(rejected(b)).toBeNull();
    expect(rejected(b)?.code).toBe('CIRCUIT_OPEN'); // a 4th concurrent trial is refused
    b.neutral(); // a trial that said nothing frees its slot
    expect(rejected(b)).toBeNull();
    b.success();
    expect(b.state()).toMatchObject({ phase: 'closed', consecutiveFailures: 0, reopensAt: null });
    expect(changes()).toBe(3); // open, half_open, closed
  });

  it('each failed trial doubles the cool-down up to openMs (5 min); manual reset closes it', async () => {
    const { clock, b } = setup();
    for (let i = 0; i < 5; i++) b.failure();
    const coolDowns: number[] = [];
    for (let i = 0; i < 9; i++) {
      const reopensAt = b.state().reopensAt ?? 0;
      coolDowns.push(reopensAt - clock.now());
      await clock.advance(reopensAt - clock.now());
      b.admit();
      b.failure();
      expect(b.state().phase).toBe('open');
    }
    expect(coolDowns).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    b.reset();
    expect(b.state().phase).toBe('closed');
    expect(rejected(b)).toBeNull();
  });

  it('a recovered endpoint reports itself and starts again from the short cool-down', async () => {
    const clock = new FakeClock();
    const recovered: string[] = [];
    const b = new CircuitBreaker('binance:spot', clock, () => DEFAULT_SETTINGS, () => undefined, (g) => recovered.push(g));
    for (let i = 0; i < 5; i++) b.failure();
    await clock.advance(5_000);
    b.admit();
    b.failure();
    await clock.advance(10_000);
    b.admit();
    b.success();
    expect(recovered).toEqual(['binance:spot']);
    b.success();
    expect(recovered).toHaveLength(1); // only a transition out of open/half-open counts
    for (let i = 0; i < 5; i++) b.failure();
    expect(rejected(b)?.retryAfterMs).toBe(5_000);
  });
});
