import { describe, expect, it } from 'vitest';
import { planResync, type ResyncCandidate } from './resync-select';
import { seededRandom as rng } from '../../testing/journal/fixtures';

/**
 * Seeded property: trades land on random symbols between background syncs (ordinary fills that
 * move the base, round trips that leave the base where it was and move only the quote, fills on a
 * pair delisted meanwhile). Every one is found by the next sync when the balances show it, and
 * within the verification period otherwise; a symbol is asked at most once per sync.
 */

const HOUR = 3_600_000;
const PERIOD = 24 * HOUR;


type Kind = 'fill' | 'roundtrip';

function run(seed: number): void {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const quotes = ['USDT', 'BTC', 'ETH', 'BNB', 'FDUSD', 'BUSD'];
  const candidates: ResyncCandidate[] = [];
  for (let i = 0; i < 300; i++) candidates.push({ symbol: `C${i}/${quotes[i % quotes.length] ?? 'USDT'}`, base: `C${i}`, quote: quotes[i % quotes.length] ?? 'USDT', verifiedAt: 0, hasRows: random() < 0.15 });
  const delisted = new Set(candidates.filter((c) => c.quote === 'BUSD').map((c) => c.symbol));
  let now = 10 * PERIOD;
  let lastCompleteAt = now;
  for (const c of candidates) c.verifiedAt = now - Math.floor(random() * HOUR);
  /** Trades not yet found: symbol -> when, and whether the balances showed them. */
  const pending = new Map<string, { at: number; shown: boolean }>();
  for (let sync = 0; sync < 120; sync++) {
    const changed = new Set<string>();
    const trades = Math.floor(random() * 4);
    for (let t = 0; t < trades; t++) {
      // A delisted pair can still have had its last fills just before the delisting.
      const c = pick(random() < 0.1 ? candidates.filter((x) => delisted.has(x.symbol)) : candidates);
      const kind: Kind = random() < 0.3 ? 'roundtrip' : 'fill';
      if (kind === 'fill') changed.add(c.base);
      changed.add(c.quote);
      const shown = kind === 'fill' || c.hasRows;
      const before = pending.get(c.symbol);
      pending.set(c.symbol, { at: before?.at ?? now, shown: (before?.shown ?? false) || shown });
    }
    now += HOUR + Math.floor(random() * HOUR);
    const plan = planResync({ candidates, lastCompleteAt, changedAssets: changed, evidenced: new Set(), now, periodMs: PERIOD });
    const asked = plan.ask.map((a) => a.symbol);
    expect(new Set(asked).size).toBe(asked.length);
    for (const [symbol, p] of pending) {
      if (p.shown) expect(asked, `${symbol} shown by balances, seed ${seed}`).toContain(symbol);
    }
    for (const c of candidates) {
      if (!asked.includes(c.symbol)) continue;
      c.verifiedAt = now;
      if (pending.delete(c.symbol)) c.hasRows = true;
    }
    for (const [symbol, p] of pending) expect(now - p.at, `${symbol} still unfound, seed ${seed}`).toBeLessThanOrEqual(PERIOD + 2 * HOUR);
    lastCompleteAt = now;
  }
  // Every candidate was re-verified within the last period.
  for (const c of candidates) expect(now - (c.verifiedAt ?? 0)).toBeLessThanOrEqual(PERIOD + 2 * HOUR);
}

describe('re-sync selection, seeded property', () => {
  it.each([1, 2, 3, 42, 2024])('seed %i: every trade found, immediately where balances show it, within the period otherwise', (seed) => {
    run(seed);
  });
});
