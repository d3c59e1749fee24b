import { describe, expect, it } from 'vitest';
import { changedBalances, planResync, type ResyncCandidate } from './resync-select';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cand = (symbol: string, verifiedAt: number | null, hasRows = false): ResyncCandidate => {
  const [base = '', quote = ''] = symbol.split('/');
  return { symbol, base, quote, verifiedAt, hasRows };
};
const base = { changedAssets: new Set<string>(), evidenced: new Set<string>(), periodMs: DAY };

describe('planResync', () => {
  it('asks every candidate until a trades sync completed once', () => {
    const plan = planResync({ ...base, candidates: [cand('A/USDT', 5), cand('B/USDT', null)], lastCompleteAt: null, now: 10 });
    expect(plan.ask.map((a) => a.reason)).toEqual(['first', 'first']);
  });

  it('right after a complete sync with nothing changed, asks (almost) nothing', () => {
    const t0 = 1_000 * DAY;
    const candidates = Array.from({ length: 2400 }, (_, i) => cand(`C${i}/USDT`, t0 - 1000 + (i % 100)));
    const plan = planResync({ ...base, candidates, lastCompleteAt: t0, now: t0 + 60_000 });
    // a minute is 1/1440 of the day: two of 2,400 re-verified
    expect(plan.ask).toEqual([{ symbol: 'C0/USDT', reason: 'rotation' }, { symbol: 'C100/USDT', reason: 'rotation' }]);
  });

  it('asks symbols with evidence: never asked, unfinished, base moved, quote moved with fills, direct evidence', () => {
    const t0 = 100 * DAY;
    const candidates = [
      cand('NEW/USDT', null), cand('MID/USDT', t0 + 5), cand('ETH/BTC', t0 - 9), cand('SOL/USDT', t0 - 9, true),
      cand('XRP/USDT', t0 - 9, false), cand('LINK/USDT', t0 - 9), cand('DOT/BNB', t0 - 9),
    ];
    const plan = planResync({ ...base, candidates, lastCompleteAt: t0, now: t0 + 1, changedAssets: new Set(['ETH', 'USDT']), evidenced: new Set(['LINK/USDT']) });
    expect(plan.ask).toEqual([
      { symbol: 'NEW/USDT', reason: 'new' }, { symbol: 'MID/USDT', reason: 'unfinished' }, { symbol: 'ETH/BTC', reason: 'base' },
      { symbol: 'SOL/USDT', reason: 'quote' }, { symbol: 'LINK/USDT', reason: 'evidence' }, { symbol: 'DOT/BNB', reason: 'rotation' },
    ]);
    expect(plan.skipped).toBe(1);
  });

  it('hourly re-syncs verify every candidate within the period, oldest first', () => {
    let now = 10 * DAY;
    const verified = new Map<string, number>(Array.from({ length: 500 }, (_, i) => [`S${i}/USDT`, now - 1] as const));
    let last = now;
    for (let h = 1; h <= 24; h++) {
      now = 10 * DAY + h * HOUR;
      const plan = planResync({ ...base, candidates: [...verified].map(([s, v]) => cand(s, v)), lastCompleteAt: last, now });
      expect(plan.ask.length).toBeLessThanOrEqual(Math.ceil(500 / 24));
      for (const a of plan.ask) verified.set(a.symbol, now - 1);
      last = now;
    }
    for (const v of verified.values()) expect(v).toBeGreaterThan(10 * DAY);
  });

  it('a long pause asks every overdue candidate', () => {
    const plan = planResync({ ...base, candidates: [cand('A/USDT', 0), cand('B/USDT', 3 * DAY)], lastCompleteAt: 3 * DAY, now: 3 * DAY + 2 * HOUR });
    expect(plan.ask).toEqual([{ symbol: 'A/USDT', reason: 'rotation' }]);
  });
});

describe('changedBalances', () => {
  it('names assets whose total moved, appeared or went to zero', () => {
    expect([...changedBalances({ BTC: 1, ETH: 2, SOL: 3 }, { BTC: 1, ETH: 2.5, XRP: 4 })].sort()).toEqual(['ETH', 'SOL', 'XRP']);
  });
});
