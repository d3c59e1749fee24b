/**
 * Runs in Chromium's main thread (bundled by bench/review-chromium.ts): stores what the store keeps
 * for a history of POSITIONS closed positions (the aggregate rows, the labelled positions, their
 * journal entries, the positions around a 30-day range's ends) in the app's JournalDb on real
 * IndexedDB, then times the dashboard's reads as the app runs them (readAggregateStats; the kept
 * copy of the labelled positions, readLabelledPositions + reviewStatsFromKept), observing long
 * tasks; then, apart, the earlier read of the labelled positions by id (for comparison).
 */
import { labelledIds, readReviewInputs, reviewStatsFromKept, reviewStatsFromLabelled } from '../renderer/app/journal/dashboard/reviewStats';
import { readAggregateStats, readLabelledPositions, readSelectedPositions } from '../renderer/db/aggregate-queries';
import { labelledDaysOf, labelledPositionOf } from '../shared/journal/labelled-position';
import { newLedgerRow } from '../renderer/db/ledger-store';
import type { JournalEntry } from '../renderer/db/records';
import { openJournalDb, type JournalDb } from '../renderer/db/schema';
import { aggregateMismatches } from '../testing/journal/aggregate-mismatches';
import { statsFromQuarters, type AggregateStats } from '../shared/journal/aggregate-stats';
import { closedQuartersOf, closedSymbolDaysOf, symbolGroups } from '../shared/journal/closed-buckets';
import { quarterDaysOf, symbolDayPacksOf } from '../shared/journal/quarter-pack';
import { closedPosition, seededRandom } from '../testing/journal/fixtures';
import type { Position } from '../shared/journal/types';
import { zoneClock } from '../shared/time/zone';
import { timeRuns } from './median-timer';
import { probePacking } from './pack-probe';

interface Params { positions: number; symbols: number }

const ZONE = 'America/New_York';

/** Closed positions of `symbols` symbols, one close every 10-30 minutes per symbol (the 1M-fill bench's density). */
function history(params: Params): Position[] {
  const rand = seededRandom(7);
  const out: Position[] = [];
  const per = Math.ceil(params.positions / params.symbols);
  for (let s = 0; s < params.symbols; s++) {
    let t = Date.UTC(2022, 0, 1);
    for (let i = 0; i < per; i++) {
      t += 600_000 + Math.floor(rand() * 1_200_000);
      out.push({
        ...closedPosition({ id: `${s}-${i}`, closedAt: t, netPnl: Math.round((rand() - 0.48) * 4000) / 100, fees: 0.4, funding: rand() < 0.3 ? -0.1 : 0, symbol: `C${s}/USDT:USDT` }),
        avgEntryPrice: 100, maxQty: 1 + Math.floor(rand() * 4),
      });
    }
  }
  return out;
}

interface Seeded { labelled: number; quarterRows: number; rangeFrom: number; rangeTo: number; reference: AggregateStats; mismatches: string[] }

/**
 * Generates the history, checks the rows against computeStats and stores them. The positions stay
 * inside this function: the dashboard never holds them, and a 333k-object heap would put its
 * garbage collection into the timings.
 */
async function seed(db: JournalDb, params: Params): Promise<Seeded> {
  const positions = history(params);
  const tags = new Map<string, string[]>();
  const stops = new Map<string, number>();
  positions.forEach((p, i) => {
    if (i % 20 === 0) tags.set(p.id, [`setup:s${i % 7}`, ...(i % 60 === 0 ? ['mistake:fomo'] : [])]);
    if (i % 50 === 0) stops.set(p.id, 99);
  });
  const clock = zoneClock(ZONE);
  const lastClose = positions.reduce((max, p) => Math.max(max, p.closedAt ?? 0), 0);
  const rangeTo = clock.startOfDay(clock.day(lastClose + 86_400_000));
  const rangeFrom = clock.startOfDay(clock.day(lastClose - 29 * 86_400_000));
  const ids = new Set(labelledIds({ tags, stops }));
  const nearEdge = (t: number): boolean => Math.abs(t - rangeFrom) < 86_400_000 || Math.abs(t - rangeTo) < 86_400_000;
  const entry = (key: string): JournalEntry => ({ key, kind: 'position', accountId: 'acc1', note: '', tags: tags.get(key) ?? [], rating: null, stopPrice: stops.get(key) ?? null, createdAt: 0, updatedAt: 0 });
  const quarters = [...closedQuartersOf(positions).values()];
  const days = [...closedSymbolDaysOf(positions).values()];
  const reference = statsFromQuarters(quarters, symbolGroups(days, []), {}, { timeZone: ZONE });
  const mismatches = aggregateMismatches(reference, positions, {}, { timeZone: ZONE });
  await db.ledgers.bulkPut(Array.from({ length: params.symbols }, (_, s) => newLedgerRow('acc1', `C${s}/USDT:USDT`, 'linear')));
  await db.closedQuarters.bulkPut(quarters);
  await db.closedQuarterDays.bulkPut(quarterDaysOf(quarters));
  await db.closedSymbolDays.bulkPut(days);
  await db.closedSymbolDayPacks.bulkPut(symbolDayPacksOf(days));
  await db.positions.bulkPut(positions.filter((p) => ids.has(p.id) || (p.closedAt !== null && nearEdge(p.closedAt))).map((p) => ({ ...p, key: p.id })));
  await db.journal.bulkPut([...ids].map(entry));
  const labelledRows = positions.flatMap((p) => (ids.has(p.id) ? labelledPositionOf(p, entry(p.id)) ?? [] : []));
  await db.labelledPositions.bulkPut(labelledRows);
  await db.labelledDays.bulkPut(labelledDaysOf(labelledRows));
  return { labelled: ids.size, quarterRows: quarters.length, rangeFrom, rangeTo, reference, mismatches };
}

async function run(params: Params): Promise<Record<string, unknown>> {
  const db = await openJournalDb(`review-bench-${Date.now()}`);
  const seeded = await seed(db, params);
  // Time for the collector to drop the generated history before anything is timed.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const longTasks: number[] = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
  const dashboard = await timeRuns(() => readAggregateStats(db, {}, { timeZone: ZONE }));
  const dashboard30 = await timeRuns(() => readAggregateStats(db, { from: seeded.rangeFrom, to: seeded.rangeTo }, { timeZone: ZONE }));
  const labelledRead = await timeRuns(() => readLabelledPositions(db, {}));
  const review = await timeRuns(async () => reviewStatsFromKept(await readLabelledPositions(db, {}), dashboard.value));
  const review30 = await timeRuns(async () => reviewStatsFromKept(await readLabelledPositions(db, { from: seeded.rangeFrom, to: seeded.rangeTo }), dashboard30.value));
  // Let the observer deliver the last entries.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const dashboardLongTasks = [...longTasks];
  longTasks.length = 0;
  // The earlier way, for comparison: labels and stops from the journal, then each labelled position by id.
  const perId = await timeRuns(async () => {
    const inputs = await readReviewInputs(db);
    return reviewStatsFromLabelled(await readSelectedPositions(db, labelledIds(inputs), {}), inputs, dashboard.value);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Sums in another order differ in the last bits.
  const rounded = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
  const sameReview = rounded(review.value) === rounded(perId.value);
  // What packing the rows of a UTC day into one record would save (docs/BENCHMARKS.md, review section).
  const packing = await probePacking(labelledRead.value);
  const sameAsReference = dashboard.value.trades === seeded.reference.trades && dashboard.value.calendar.length === seeded.reference.calendar.length
    && Math.abs(dashboard.value.netPnl - seeded.reference.netPnl) < 1e-6 && dashboard.value.maxDrawdown === seeded.reference.maxDrawdown;
  db.close();
  return {
    positions: params.positions, quarterRows: seeded.quarterRows, labelledPositions: seeded.labelled,
    dashboardMs: dashboard.medianMs, dashboardMaxMs: dashboard.maxMs, dashboard30DaysMs: dashboard30.medianMs, dashboard30DaysMaxMs: dashboard30.maxMs,
    setupAndRMs: review.medianMs, setupAndRMaxMs: review.maxMs, setupAndR30DaysMs: review30.medianMs, labelledReadMs: labelledRead.medianMs,
    longTasksOver50ms: dashboardLongTasks.filter((d) => d > 50).length, longestTaskMs: Math.round(Math.max(0, ...dashboardLongTasks)),
    perIdSetupAndRMs: perId.medianMs, perIdLongTasksOver50ms: longTasks.filter((d) => d > 50).length, perIdLongestTaskMs: Math.round(Math.max(0, ...longTasks)),
    matchesComputeStats: seeded.mismatches.length === 0 && sameAsReference, keptEqualsPerId: sameReview,
    probeRowRecordsMs: packing.rowRecordsMs, probeDayPacksMs: packing.dayPacksMs, probeDayPacks: packing.dayPacks,
  };
}

(window as unknown as { runBench: (p: Params) => Promise<Record<string, unknown>> }).runBench = run;
