/**
 * The dashboard's review figures at scale (Node, pure code, no IndexedDB): 1,000,000 fills are
 * derived into positions (shared/journal computeJournal, per symbol), then what the dashboard
 * computes on a change is timed: computeStats in a trader's zone (calendar, weekday, hour) and
 * the R / setup / mistake stats over the closed positions, 5% of them labelled, 2% with a stop.
 *   npx tsx bench/review-stats.ts [--fills=1000000] [--symbols=40]
 * Prints one JSON line: positions, and median / max ms of 5 runs of each.
 */
import { performance } from 'node:perf_hooks';
import type { Trade } from '../shared/domain/types';
import { computeJournal } from '../shared/journal/book';
import { computeStats, filterClosed } from '../shared/journal/stats';
import type { Position } from '../shared/journal/types';
import { fill } from '../testing/journal/fixtures';
import { computeReviewStats, type ReviewInputs } from '../renderer/app/journal/dashboard/reviewStats';
import { argNumber, emitResult, main, round } from './lib';

const FILLS = argNumber('fills', 1_000_000);
const SYMBOLS = argNumber('symbols', 40);
const RUNS = 5;

/** Round trips of 2..4 fills (open, maybe add, close), one symbol, one every ~7 minutes over the years. */
function symbolFills(symbolIndex: number, count: number, start: number): Trade[] {
  const out: Trade[] = [];
  let seed = symbolIndex * 7919 + 1;
  const rnd = (): number => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const symbol = `C${symbolIndex}/USDT:USDT`;
  let t = start;
  let price = 100 + symbolIndex;
  let id = 0;
  while (out.length < count) {
    const long = rnd() < 0.5;
    const legs = 2 + Math.floor(rnd() * 3);
    const qty = 1 + Math.floor(rnd() * 5);
    let open = 0;
    for (let leg = 0; leg < legs && out.length < count; leg++) {
      t += 60_000 + Math.floor(rnd() * 12 * 60_000);
      price *= 1 + (rnd() - 0.5) * 0.01;
      const closing = leg === legs - 1;
      const amount = closing ? open : qty;
      if (amount <= 0) continue;
      const side = (long ? !closing : closing) ? 'buy' : 'sell';
      out.push(fill({ id: `${symbolIndex}-${id++}`, t, side, price: Number(price.toFixed(2)), amount, symbol, fee: amount * price * 0.0004 }));
      open = closing ? 0 : open + amount;
    }
  }
  return out;
}

function time<T>(fn: () => T): { value: T; medianMs: number; maxMs: number } {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    value = fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  if (value === undefined) throw new Error('no run');
  return { value, medianMs: round(ms[Math.floor(RUNS / 2)] ?? 0, 1), maxMs: round(ms[RUNS - 1] ?? 0, 1) };
}

main(async () => {
  const start = Date.UTC(2022, 0, 1);
  const positions: Position[] = [];
  const tDerive = performance.now();
  for (let s = 0; s < SYMBOLS; s++) positions.push(...computeJournal(symbolFills(s, Math.ceil(FILLS / SYMBOLS), start)).positions);
  const deriveMs = performance.now() - tDerive;
  const inputs: ReviewInputs = { tags: new Map(), stops: new Map() };
  positions.forEach((p, i) => {
    if (i % 20 === 0) inputs.tags.set(p.id, [`setup:s${i % 7}`, ...(i % 60 === 0 ? ['mistake:fomo'] : [])]);
    if (i % 50 === 0) inputs.stops.set(p.id, p.direction === 'long' ? p.avgEntryPrice * 0.99 : p.avgEntryPrice * 1.01);
  });
  const dashboard = time(() => computeStats(positions, {}, { timeZone: 'America/New_York' }));
  // As the dashboard does on a change: select the closed positions in range, then R / setups / mistakes.
  const review = time(() => computeReviewStats(filterClosed(positions, {}), inputs, null));
  emitResult({
    fills: FILLS, positions: positions.length, deriveMs: round(deriveMs),
    dashboardStatsMs: dashboard.medianMs, dashboardStatsMaxMs: dashboard.maxMs,
    setupAndRStatsMs: review.medianMs, setupAndRStatsMaxMs: review.maxMs,
    setups: review.value.setups.length, rCount: review.value.r.count, calendarDays: dashboard.value.calendar.length,
  });
});
