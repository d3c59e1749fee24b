/**
 * The dashboard's review figures at scale: 1,000,000 fills are derived into positions
 * (shared/journal computeJournal, per symbol); 5% of the positions are labelled with setups, 2%
 * have a stop. Timed, median of 5 runs each:
 * - from the stored aggregates, as the dashboard reads them (real Dexie on fake-indexeddb in
 *   Node): the stats in a trader's zone over all time and over the last 30 days of that zone
 *   (readAggregateStats: quarter-hour rows, per-symbol day rows, the positions of the partial edge
 *   days), and the setup/R stats (the kept copy of the labelled positions, schema v10);
 * - in memory over every position, as the dashboard computes with a symbol or tag filter or a
 *   default risk (computeStats, computeReviewStats).
 * The aggregate figures are checked against computeStats (`matchesComputeStats`).
 *   npx tsx bench/review-stats.ts [--fills=1000000] [--symbols=40]
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { Trade } from '../shared/domain/types';
import { computeJournal } from '../shared/journal/book';
import { computeStats, filterClosed } from '../shared/journal/stats';
import type { Position } from '../shared/journal/types';
import { fill } from '../testing/journal/fixtures';
import { computeReviewStats, labelledIds, reviewStatsFromKept, type ReviewInputs, type ReviewStats } from '../renderer/app/journal/dashboard/reviewStats';
import { readAggregateStats, readLabelledPositions } from '../renderer/db/aggregate-queries';
import { labelledDaysOf, labelledPositionOf } from '../shared/journal/labelled-position';
import { newLedgerRow } from '../renderer/db/ledger-store';
import type { JournalEntry } from '../renderer/db/records';
import { newTestDb } from '../testing/db/test-support';
import { aggregateMismatches } from '../testing/journal/aggregate-mismatches';
import { statsFromQuarters } from '../shared/journal/aggregate-stats';
import { closedQuartersOf, closedSymbolDaysOf, symbolGroups } from '../shared/journal/closed-buckets';
import { quarterDaysOf, symbolDayPacksOf } from '../shared/journal/quarter-pack';
import { zoneClock } from '../shared/time/zone';
import { argNumber, emitResult, main, round } from './lib';
import { timeRuns } from './median-timer';

const FILLS = argNumber('fills', 1_000_000);
const SYMBOLS = argNumber('symbols', 40);

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

const ZONE = 'America/New_York';

/** A journal entry as the review writes labels and stops (records.ts JournalEntry). */
function entry(key: string, tags: string[], stopPrice: number | null): JournalEntry {
  return { key, kind: 'position', accountId: 'acc1', note: '', tags, rating: null, stopPrice, createdAt: 0, updatedAt: 0 };
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

  // What the store keeps: the aggregate rows, the labelled positions and their journal entries,
  // and the positions around the 30-day range's ends (its partial UTC edge days are read from them).
  const db = newTestDb('review-stats-bench');
  await db.open();
  const lastClose = positions.reduce((max, p) => Math.max(max, p.closedAt ?? 0), 0);
  const clock = zoneClock(ZONE);
  const rangeTo = clock.startOfDay(clock.day(lastClose + 86_400_000));
  const rangeFrom = clock.startOfDay(clock.day(lastClose - 29 * 86_400_000));
  const quarters = [...closedQuartersOf(positions).values()];
  const symbolDays = [...closedSymbolDaysOf(positions).values()];
  const ids = new Set(labelledIds(inputs));
  const nearEdge = (t: number): boolean => Math.abs(t - rangeFrom) < 86_400_000 || Math.abs(t - rangeTo) < 86_400_000;
  const kept = positions.filter((p) => ids.has(p.id) || (p.closedAt !== null && nearEdge(p.closedAt)));
  await db.ledgers.bulkPut([...new Set(positions.map((p) => p.symbol))].map((symbol) => newLedgerRow('acc1', symbol, 'linear')));
  await db.closedQuarters.bulkPut(quarters);
  await db.closedQuarterDays.bulkPut(quarterDaysOf(quarters));
  await db.closedSymbolDays.bulkPut(symbolDays);
  await db.closedSymbolDayPacks.bulkPut(symbolDayPacksOf(symbolDays));
  await db.positions.bulkPut(kept.map((p) => ({ ...p, key: p.id })));
  const entries = [...ids].map((id) => entry(id, inputs.tags.get(id) ?? [], inputs.stops.get(id) ?? null));
  await db.journal.bulkPut(entries);
  // The kept copy of the labelled positions (schema v10), as the writers keep it.
  const byId = new Map(positions.map((p) => [p.id, p]));
  const labelledRows = entries.flatMap((e) => labelledPositionOf(byId.get(e.key), e) ?? []);
  await db.labelledPositions.bulkPut(labelledRows);
  await db.labelledDays.bulkPut(labelledDaysOf(labelledRows));

  // The goal's figures: what the dashboard computes from what it read (pure code, median of 5).
  const readRows = await db.transaction('r', [db.closedQuarters, db.closedSymbolDays], async () => ({ quarters: await db.closedQuarters.toArray(), days: await db.closedSymbolDays.toArray() }));
  const stored = await timeRuns(() => statsFromQuarters(readRows.quarters, symbolGroups(readRows.days, []), {}, { timeZone: ZONE }));
  const readLabelled = await readLabelledPositions(db, {});
  const storedReview = await timeRuns(() => reviewStatsFromKept(readLabelled, stored.value));
  // The same through Dexie on fake-indexeddb (a pure-JS IndexedDB, many times slower than Chromium's): reads included.
  const fakeIdb = await timeRuns(() => readAggregateStats(db, {}, { timeZone: ZONE }));
  const fakeIdbRange = await timeRuns(() => readAggregateStats(db, { from: rangeFrom, to: rangeTo }, { timeZone: ZONE }));
  const tReview = performance.now();
  const fakeIdbReview = reviewStatsFromKept(await readLabelledPositions(db, {}), fakeIdb.value);
  const fakeIdbReviewMs = performance.now() - tReview;
  const inMemory = await timeRuns(() => computeStats(positions, {}, { timeZone: ZONE }));
  // As the dashboard does on a change: select the closed positions in range, then R / setups / mistakes.
  const inMemoryReview = await timeRuns(() => computeReviewStats(filterClosed(positions, {}), inputs, null));
  const sameSetups = (x: ReviewStats, y: ReviewStats): boolean => JSON.stringify(x.setups.map((g) => [g.name, g.trades, g.wins])) === JSON.stringify(y.setups.map((g) => [g.name, g.trades, g.wins]));
  const mismatches = [
    ...aggregateMismatches(stored.value, positions, {}, { timeZone: ZONE }),
    ...aggregateMismatches(fakeIdb.value, positions, {}, { timeZone: ZONE }),
    ...aggregateMismatches(fakeIdbRange.value, positions, { from: rangeFrom, to: rangeTo }, { timeZone: ZONE }),
    ...(sameSetups(storedReview.value, inMemoryReview.value) && sameSetups(fakeIdbReview, inMemoryReview.value) ? [] : ['setups differ']),
    ...(storedReview.value.r.count === inMemoryReview.value.r.count ? [] : ['R count differs']),
  ];
  db.close();
  emitResult({
    fills: FILLS, positions: positions.length, deriveMs: round(deriveMs),
    quarterRows: quarters.length, symbolDayRows: symbolDays.length, storedPositions: kept.length,
    dashboardStatsMs: stored.medianMs, dashboardStatsMaxMs: stored.maxMs,
    setupAndRStatsMs: storedReview.medianMs, setupAndRStatsMaxMs: storedReview.maxMs,
    labelledPositions: readLabelled.length,
    fakeIdbDashboardMs: fakeIdb.medianMs, fakeIdbDashboard30DaysMs: fakeIdbRange.medianMs, fakeIdbSetupAndRMs: round(fakeIdbReviewMs),
    inMemoryDashboardStatsMs: inMemory.medianMs, inMemorySetupAndRStatsMs: inMemoryReview.medianMs,
    matchesComputeStats: mismatches.length === 0, mismatches: mismatches.slice(0, 5),
    setups: storedReview.value.setups.length, rCount: storedReview.value.r.count, calendarDays: stored.value.calendar.length,
  });
});
