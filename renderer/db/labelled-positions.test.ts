import { afterEach, describe, expect, it } from 'vitest';
import type { Income, Trade } from '../../shared/domain/types';
import { labelledDaysOf, labelledPositionOf, type LabelledDay, type LabelledPosition } from '../../shared/journal/labelled-position';
import { filterClosed, type StatsFilter } from '../../shared/journal/stats';
import { seededRandom, spreadHistory, type RandomHistory } from '../../testing/journal/fixtures';
import { fakeIdbOptions, makeAccount, makeBatch, makeLog, newTestDb, toPositionRowsForTest } from '../../testing/db/test-support';
import { computeReviewStats, readReviewInputs, reviewStatsFromKept, type ReviewStats } from '../app/journal/dashboard/reviewStats';
import { deleteAccount, purgeCategory } from './account-admin';
import { readAggregateStats, readLabelledPositions } from './aggregate-queries';
import { DexieJournalWriter } from './dexie-journal-writer';
import { DexieStore } from './dexie-store';
import { exportJournal } from './export';
import { insertTrades } from './insert-trades';
import { restoreJournal } from './restore';
import { LedgerRebuilder } from './ledger-rebuilder';
import { newLedgerRow } from './ledger-store';
import type { JournalEntry } from './records';
import { JournalDb } from './schema';

/**
 * The kept copy of labelled positions (schema v10) stays what the journal and the positions say,
 * through journal edits (label added, changed, removed; stop set, cleared), sync batches, an
 * out-of-order import and its replay, a purge, a re-sync, an account delete and the upgrade; and
 * the dashboard's setup/mistake/R stats from it equal computeReviewStats over every position.
 */

const START = Date.UTC(2025, 2, 7);
const SETUPS = ['setup:breakout', 'setup:pullback', 'setup:range', 'setup:'];
const MISTAKES = ['mistake:fomo', 'mistake:late', 'mistake:size'];

let store: DexieStore | undefined;
afterEach(() => store?.close());


function histories(seed: number, accountId: string): RandomHistory[] {
  return [
    spreadHistory(START, seed, accountId, 'linear', 160, 173_000),
    spreadHistory(START, seed + 100, accountId, 'spot', 120, 411_000),
    spreadHistory(START, seed + 200, accountId, 'linear', 90, 97_000, 'ETH/USDT:USDT'),
  ];
}

async function commitFills(s: DexieStore, accountId: string, trades: readonly Trade[], incomes: readonly Income[], seed: number, tag: string): Promise<void> {
  const rand = seededRandom(seed);
  const over = { accountId, jobId: `job-${accountId}`, logId: `job-${accountId}#1` };
  const sorted = [...trades].sort((a, b) => a.timestamp - b.timestamp);
  let n = 0;
  for (let i = 0; i < sorted.length;) {
    const size = 5 + Math.floor(rand() * 40);
    await s.commitBatch(makeBatch(`${tag}-${accountId}-${n++}`, sorted.slice(i, i + size), over));
    i += size;
  }
  for (let i = 0; i < incomes.length; i += 17) await s.commitBatch(makeBatch(`${tag}-${accountId}-i${n++}`, [], { ...over, income: incomes.slice(i, i + 17) }));
}

/**
 * Random journal edits through the page's writer port: on about a third of the positions (open
 * ones too, and keys whose position a replay will remove), labels added, changed or removed,
 * stops set or cleared, notes only, entries cleared.
 */
async function randomEdits(db: JournalDb, writer: DexieJournalWriter, seed: number): Promise<void> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const positions = await db.positions.toArray();
  for (const p of positions) {
    if (rand() > 0.35) continue;
    const target = { key: p.key, accountId: p.accountId };
    switch (Math.floor(rand() * 7)) {
      case 0: case 1: {
        const tags = [pick(SETUPS), ...(rand() < 0.5 ? [pick(MISTAKES)] : []), ...(rand() < 0.3 ? ['calm'] : [])];
        await writer.saveEntry({ ...target, kind: 'position', note: 'why', tags, rating: null, ...(rand() < 0.4 ? { stopPrice: p.avgEntryPrice * (rand() < 0.5 ? 0.97 : 1.03) } : {}) });
        break;
      }
      case 2: await writer.setPositionStop(target, p.avgEntryPrice * (0.9 + rand() * 0.2), 5); break;
      case 3: await writer.setPositionStop(target, null, 6); break;
      case 4: await writer.clearEntry(p.key, 7); break;
      case 5: await writer.saveEntry({ ...target, kind: 'position', note: 'notes only', tags: ['calm'], rating: 3 }); break;
      case 6: await writer.saveEntry({ ...target, kind: 'position', note: '', tags: [pick(MISTAKES)], rating: null }); break;
    }
  }
}

/** What the kept rows must be: every position entry joined with its stored position. */
async function expectedRows(db: JournalDb): Promise<LabelledPosition[]> {
  const entries = await db.journal.toArray();
  const positions = await db.positions.bulkGet(entries.map((e) => e.key));
  return entries.flatMap((e, i) => labelledPositionOf(positions[i], e) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Figures rounded (sums in another order differ in the last bits). */
function rounded(s: ReviewStats): unknown {
  return JSON.parse(JSON.stringify(s, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as unknown;
}

/** The kept rows equal the join, and the stats from them equal computeReviewStats over every position, in several selections. */
async function check(db: JournalDb, label: string): Promise<void> {
  const kept = (await db.labelledPositions.toArray()).sort((a, b) => (a.key < b.key ? -1 : 1));
  const want = await expectedRows(db);
  expect(kept, `${label}: kept rows`).toEqual(want);
  const byDay = (a: LabelledDay, b: LabelledDay): number => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.day - b.day);
  expect((await db.labelledDays.toArray()).sort(byDay), `${label}: day packs`).toEqual(labelledDaysOf(want).sort(byDay));
  const positions = await db.positions.toArray();
  const inputs = await readReviewInputs(db);
  // Ranges off UTC midnights too (on quarter hours, as a zone's days are): the edge day packs are cut by close time.
  const filters: StatsFilter[] = [
    {}, { accountIds: ['acc1'] }, { from: START + 86_400_000, to: START + 4 * 86_400_000 }, { from: START + 2 * 86_400_000, accountIds: ['acc2'] },
    { from: START + 31 * 3_600_000, to: START + 77 * 3_600_000 + 45 * 60_000 }, { to: START + 50 * 3_600_000 },
  ];
  for (const filter of filters) {
    const expected = computeReviewStats(filterClosed(positions, filter), inputs, null);
    const got = reviewStatsFromKept(await readLabelledPositions(db, filter), await readAggregateStats(db, filter));
    expect(rounded(got), `${label} ${JSON.stringify(filter)}`).toEqual(rounded(expected));
  }
}

describe('kept copy of labelled positions (labelledPositions)', () => {
  for (const seed of [3, 17, 29]) {
    it(`follows edits, sync batches, an import and its replay, a purge, a re-sync and an account delete (seed ${seed})`, async () => {
      const s = new DexieStore(newTestDb(`labelled-${seed}`), { now: () => 42 });
      store = s;
      await s.putSyncLog(makeLog('job-acc1#1', 'acc1'));
      await s.putSyncLog(makeLog('job-acc2#1', 'acc2'));
      const writer = new DexieJournalWriter(s.db);
      const hs = histories(seed, 'acc1');
      const other = histories(seed + 1000, 'acc2').slice(0, 1);
      // The newer half first, in two parts: positions labelled while open close in the second.
      const recent = hs.flatMap((h) => h.fills.slice(Math.floor(h.fills.length / 2)));
      const cut = Math.floor(recent.length * 0.6);
      await commitFills(s, 'acc1', recent.slice(0, cut), [], seed, 'a');
      await commitFills(s, 'acc2', other.flatMap((h) => h.fills), other.flatMap((h) => h.funding), seed + 1, 'a');
      await randomEdits(s.db, writer, seed);
      await check(s.db, 'after edits');
      await commitFills(s, 'acc1', recent.slice(cut), hs.flatMap((h) => h.funding), seed + 2, 'b');
      await check(s.db, 'after more batches');
      await randomEdits(s.db, writer, seed + 3);
      await check(s.db, 'after more edits');

      // The older half from a file: pairs go stale, then the replay rewrites them (keys move).
      await insertTrades(s.db, hs.flatMap((h) => h.fills.slice(0, Math.floor(h.fills.length / 2))), { chunkRows: 40 });
      const rebuilder = new LedgerRebuilder(s.db, { delayMs: 0 });
      await rebuilder.runNow();
      await check(s.db, 'after the replay');
      await randomEdits(s.db, writer, seed + 4);

      await purgeCategory(s.db, 'acc1', 'trades');
      expect(await s.db.labelledPositions.where('[accountId+closedAt]').between(['acc1', -Infinity], ['acc1', Infinity]).count()).toBe(0);
      await check(s.db, 'after the purge');
      await commitFills(s, 'acc1', hs.flatMap((h) => h.fills), [], seed + 5, 'resync');
      await rebuilder.runNow();
      rebuilder.dispose();
      expect(await s.db.labelledPositions.count()).toBeGreaterThan(10);
      await check(s.db, 'after the re-sync');

      await deleteAccount(s.db, 'acc2');
      await check(s.db, 'after the account delete');
    }, 60_000);
  }

  it('a restore into an empty journal rebuilds it from the restored entries and the replayed positions', async () => {
    const s = new DexieStore(newTestDb('labelled-export'), { now: () => 42 });
    store = s;
    await s.putSyncLog(makeLog('job-acc1#1', 'acc1'));
    // A journal export carries its accounts; its restore refuses rows of other accounts.
    await s.putAccount(makeAccount('acc1'));
    const hs = histories(51, 'acc1').slice(0, 2);
    await commitFills(s, 'acc1', hs.flatMap((h) => h.fills), hs.flatMap((h) => h.funding), 51, 'a');
    await randomEdits(s.db, new DexieJournalWriter(s.db), 52);
    await check(s.db, 'before the export');
    let text = '';
    for await (const chunk of exportJournal(s.db, { chunkRows: 50 })) text += chunk;
    const restored = newTestDb('labelled-restored');
    await restoreJournal(restored, () => [text], { chunkRows: 40 });
    const rebuilder = new LedgerRebuilder(restored, { delayMs: 0 });
    await rebuilder.runNow();
    rebuilder.dispose();
    expect(await restored.labelledPositions.count()).toBeGreaterThan(5);
    expect(await restored.labelledPositions.count()).toBe(await s.db.labelledPositions.count());
    await check(restored, 'after the restore');
    restored.close();
  });

  it('the v10 upgrade builds it from the positions and entries an older journal stored', async () => {
    const options = fakeIdbOptions();
    // A v7 journal: the v8 upgrade sums its positions into the aggregates the stats compare with.
    const old = new JournalDb('labelled-upgrade', options, 7);
    await old.open();
    const positions = toPositionRowsForTest(histories(41, 'acc1'));
    await old.positions.bulkPut(positions);
    await old.ledgers.bulkPut([...new Set(positions.map((p) => p.symbol))].map((symbol) => newLedgerRow('acc1', symbol, 'linear')));
    const rand = seededRandom(41);
    const entries: JournalEntry[] = positions.filter(() => rand() < 0.3).map((p, i) => ({
      key: p.key, kind: 'position', accountId: 'acc1', note: '', tags: i % 3 === 0 ? ['calm'] : [SETUPS[i % SETUPS.length] as string],
      rating: null, ...(i % 4 === 0 ? { stopPrice: p.avgEntryPrice * 0.98 } : {}), createdAt: 1, updatedAt: 1,
    }));
    await old.journal.bulkPut(entries);
    old.close();
    const db = new JournalDb('labelled-upgrade', options);
    await db.open();
    expect(await db.labelledPositions.count()).toBeGreaterThan(5);
    await check(db, 'after the upgrade');
    db.close();
  });
});
