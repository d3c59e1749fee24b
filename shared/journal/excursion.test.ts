import { describe, expect, it } from 'vitest';
import type { Candle } from '../market/candles';
import { TIMEFRAME_MS } from '../market/candles';
import { computeJournal } from './book';
import { computeExcursion } from './excursion';
import { fill } from '../../testing/journal/fixtures';

const T = (hhmm: string): number => Date.parse(`2024-05-06T${hhmm}:00Z`);
const c = (hhmm: string, o: number, h: number, l: number, close: number): Candle => ({ t: T(hhmm), o, h, l, c: close, v: 1 });

/**
 * A fixed 15m kline fixture, worked by hand:
 *   09:45 o99  h101 l98  c100   ends 10:00, before the 10:02 entry: not in the window
 *   10:00 o100 h103 l97  c102   holds the first entry (10:02)
 *   10:15 o102 h105 l101 c104   holds the add (10:20)
 *   10:30 o104 h108 l103 c107
 *   10:45 o107 h109 l105 c106   holds the exit (10:50)
 *   11:00 o106 h120 l90  c95    after the exit: not in the window
 */
const FIXTURE: Candle[] = [
  c('09:45', 99, 101, 98, 100), c('10:00', 100, 103, 97, 102), c('10:15', 102, 105, 101, 104),
  c('10:30', 104, 108, 103, 107), c('10:45', 107, 109, 105, 106), c('11:00', 106, 120, 90, 95),
];
const M15 = TIMEFRAME_MS['15m'];

function positionOf(direction: 'long' | 'short') {
  const [open, close] = direction === 'long' ? (['buy', 'sell'] as const) : (['sell', 'buy'] as const);
  const fills = [
    fill({ id: 1, t: T('10:02'), side: open, price: 100, amount: 1 }),
    fill({ id: 2, t: T('10:20'), side: open, price: 104, amount: 1 }),
    fill({ id: 3, t: T('10:50'), side: close, price: 106, amount: 2 }),
  ];
  const p = computeJournal(fills).positions[0];
  if (p === undefined) throw new Error('no position');
  return p;
}

describe('computeExcursion on the fixed 15m fixture', () => {
  it('long: entry avg 102, size 2; worst low 97 -> MAE -5 x 2 = -10; best high 109 -> MFE 7 x 2 = +14', () => {
    const p = positionOf('long');
    expect(p.avgEntryPrice).toBe(102);
    expect(p.maxQty).toBe(2);
    const x = computeExcursion(p, FIXTURE, M15, T('12:00'));
    expect(x).not.toBeNull();
    expect(x?.candles).toBe(4);
    expect(x?.worstPrice).toBe(97);
    expect(x?.bestPrice).toBe(109);
    expect(x?.maeQuote).toBeCloseTo(-10, 9);
    expect(x?.mfeQuote).toBeCloseTo(14, 9);
    expect(x?.maePct).toBeCloseTo(-5 / 102, 12);
    expect(x?.mfePct).toBeCloseTo(7 / 102, 12);
    expect(x?.holdingMs).toBe(48 * 60_000);
  });

  it('short: worst is the highest high 109 -> MAE -14; best the lowest low 97 -> MFE +10', () => {
    const p = positionOf('short');
    const x = computeExcursion(p, FIXTURE, M15, T('12:00'));
    expect(x?.worstPrice).toBe(109);
    expect(x?.bestPrice).toBe(97);
    expect(x?.maeQuote).toBeCloseTo(-14, 9);
    expect(x?.mfeQuote).toBeCloseTo(10, 9);
    expect(x?.maePct).toBeCloseTo(-7 / 102, 12);
  });

  it('MAE is 0 for a position never under water, and null without candles in its window', () => {
    const p = { ...positionOf('long'), avgEntryPrice: 96 };
    expect(computeExcursion(p, FIXTURE, M15, T('12:00'))?.maeQuote).toBe(0);
    expect(computeExcursion(positionOf('long'), FIXTURE.slice(0, 1), M15, T('12:00'))).toBeNull();
  });

  it('an open position runs to now', () => {
    const p = { ...positionOf('long'), closedAt: null };
    const x = computeExcursion(p, FIXTURE, M15, T('11:05'));
    expect(x?.candles).toBe(5);
    expect(x?.worstPrice).toBe(90);
    expect(x?.holdingMs).toBeNull();
  });
});
