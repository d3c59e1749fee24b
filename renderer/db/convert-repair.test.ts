import { describe, expect, it } from 'vitest';
import { flowCoverageKind } from '../../shared/coverage-map/kinds';
import type { AssetFlow } from '../../shared/domain/types';
import { importTradesCsv } from '../../shared/journal/csv/import';
import { toAssetFlow } from '../../shared/journal/csv/pending-kinds';
import { fakeIdbOptions, makeAccount, newTestDb } from '../../testing/db/test-support';
import { pairPositions } from './derived-queries';
import { exportJournal } from './export';
import { storeFileImport } from './file-import';
import { restoreJournal } from './restore';
import { LedgerRebuilder } from './ledger-rebuilder';
import { JournalDb, LATEST_SCHEMA_VERSION } from './schema';
import { newLedgerRow } from './ledger-store';

/**
 * Statement converts an earlier release stored one leg per flow, then the same statement imported
 * by this release (which pairs the legs: shared/journal/csv/convert-pairs.ts). Real Dexie on
 * fake-indexeddb.
 */

const NOW = Date.UTC(2026, 0, 1);
const account = makeAccount('acc1', { exchange: 'binance', lastSuccessAt: null });
// Older than the convert history Binance's API serves (one year), so a file is their only source.
const STATEMENT = [
  'User_ID,UTC_Time,Account,Operation,Coin,Change,Remark',
  '1,2024-03-01 10:00:00,Spot,Binance Convert,USDT,-100,',
  '1,2024-03-01 10:00:00,Spot,Binance Convert,BTC,0.002,',
  '1,2024-03-02 10:00:00,Spot,Binance Convert,BTC,-0.001,',
  '1,2024-03-02 10:00:00,Spot,Binance Convert,USDT,60,',
  // A crowded second: stays one leg per row, now as then.
  '1,2024-03-03 10:00:00,Spot,Binance Convert,USDT,-10,',
  '1,2024-03-03 10:00:00,Spot,Binance Convert,ETH,0.002,',
  '1,2024-03-03 10:00:00,Spot,Binance Convert,SOL,0.05,',
].join('\n');

/** Stores flows with their file summaries, as a file import does, but without this release's repair. */
async function storeBare(db: JournalDb, flows: readonly AssetFlow[]): Promise<void> {
  await db.assetFlows.bulkAdd(flows);
  for (const f of flows) {
    for (const asset of new Set(f.legs.map((l) => l.asset))) {
      const id: [string, string, string] = [f.accountId, flowCoverageKind('convert'), asset];
      const s = (await db.importSummaries.get(id)) ?? { accountId: f.accountId, kind: id[1], key: asset, first: f.timestamp, last: f.timestamp, rows: 0, updatedAt: NOW };
      await db.importSummaries.put({ ...s, first: Math.min(s.first, f.timestamp), last: Math.max(s.last, f.timestamp), rows: s.rows + 1 });
    }
  }
}

/** What the release before the pairing stored for a statement: one flow per convert row. */
async function importAsTheOldReleaseDid(db: JournalDb, accountId = 'acc1'): Promise<void> {
  await storeBare(db, importTradesCsv(STATEMENT, { accountId }).pending.map(toAssetFlow));
}

const converts = async (db: JournalDb): Promise<AssetFlow[]> => (await db.assetFlows.toArray()).filter((f) => f.kind === 'convert');
const shape = (flows: readonly AssetFlow[]): string[] => flows.map((f) => `${new Date(f.timestamp).toISOString().slice(0, 10)} ${f.legs.map((l) => `${l.asset}${l.amount}`).join(' ')}`).sort();

const PAIRED_SHAPE = ['2024-03-01 USDT-100 BTC0.002', '2024-03-02 BTC-0.001 USDT60', '2024-03-03 ETH0.002', '2024-03-03 SOL0.05', '2024-03-03 USDT-10'];

async function replayed(db: JournalDb): Promise<void> {
  const rebuilder = new LedgerRebuilder(db, { delayMs: 0 });
  await rebuilder.runNow();
  rebuilder.dispose();
}

describe('single-leg statement converts stored by an earlier release', () => {
  it('re-importing the statement stores each convert once, as the paired flow, and the books take it once', async () => {
    const db = newTestDb('convert-repair-1');
    await db.accounts.put(account);
    await importAsTheOldReleaseDid(db);
    expect((await converts(db)).every((f) => f.legs.length === 1)).toBe(true);
    expect(await converts(db)).toHaveLength(7);

    const again = await storeFileImport(db, account, importTradesCsv(STATEMENT, { accountId: 'acc1' }), { now: NOW });
    expect(again.flows.inserted).toBe(2);
    const stored = await converts(db);
    expect(shape(stored)).toEqual(PAIRED_SHAPE);
    // The pairs carry the key a fresh import gives them: a third import is all duplicates.
    const fresh = importTradesCsv(STATEMENT, { accountId: 'acc1' }).flows.filter((f) => f.kind === 'convert');
    expect(stored.map((f) => f.key).sort()).toEqual(fresh.map((f) => f.key).sort());
    const third = await storeFileImport(db, account, importTradesCsv(STATEMENT, { accountId: 'acc1' }), { now: NOW });
    expect(third.flows).toMatchObject({ inserted: 0, duplicates: 7 - 2 });
    expect(await converts(db)).toHaveLength(5);

    // One BTC/USDT buy and one sell in the spot book, not two of each.
    await replayed(db);
    const positions = await pairPositions(db, 'acc1', 'BTC/USDT');
    expect(positions.reduce((n, p) => n + p.fillCount, 0)).toBe(2);
    // The coverage map counts each coin's convert rows once.
    const summary = await db.importSummaries.get(['acc1', flowCoverageKind('convert'), 'BTC']);
    expect(summary?.rows).toBe(2);
  });
});

describe('v11 upgrade: stored single-leg statement converts become the paired flows', () => {
  it('pairs them by the import\'s rule, drops legs whose pair is stored already, leaves the rest, and replays the spot pairs', async () => {
    const options = fakeIdbOptions();
    const v10 = new JournalDb('convert-repair-v11', options, 10);
    await v10.open();
    await v10.accounts.bulkPut([account, { ...account, id: 'acc2' }]);
    // acc1: only the old single legs. acc2: the file re-imported after the pairing too (counted twice).
    await importAsTheOldReleaseDid(v10, 'acc1');
    await importAsTheOldReleaseDid(v10, 'acc2');
    const pairedNow = importTradesCsv(STATEMENT, { accountId: 'acc2' }).flows.filter((f) => f.legs.length === 2);
    await storeBare(v10, pairedNow);
    // A convert sync stored (exchange id, not a file's) is not touched, nor is a lone file leg of another day.
    const api: AssetFlow = { ...(pairedNow[0] as AssetFlow), key: 'api-convert', flowId: '99887766', timestamp: Date.UTC(2024, 3, 1) };
    await v10.assetFlows.add(api);
    await v10.ledgers.put({ ...newLedgerRow('acc1', 'BTC/USDT', 'spot'), revision: 3 });
    v10.close();

    const db = new JournalDb('convert-repair-v11', options);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    const fresh = (accountId: string): string[] => importTradesCsv(STATEMENT, { accountId }).flows.filter((f) => f.kind === 'convert').map((f) => f.key).sort();
    for (const accountId of ['acc1', 'acc2']) {
      const stored = (await converts(db)).filter((f) => f.accountId === accountId && f.key !== 'api-convert');
      expect(shape(stored)).toEqual(PAIRED_SHAPE);
      // The keys a re-import yields: importing the file again now stores nothing new.
      expect(stored.map((f) => f.key).sort()).toEqual(fresh(accountId));
      expect((await db.importSummaries.get([accountId, flowCoverageKind('convert'), 'BTC']))?.rows).toBe(2);
      expect((await db.importSummaries.get([accountId, flowCoverageKind('convert'), 'SOL']))?.rows).toBe(1);
    }
    expect(await db.assetFlows.get('api-convert')).toEqual(api);
    const again = await storeFileImport(db, account, importTradesCsv(STATEMENT, { accountId: 'acc1' }), { now: NOW });
    expect(again.flows.inserted).toBe(0);
    // The spot pair the converts trade on replays once, and its book holds each convert once.
    expect((await db.ledgers.get(['acc1', 'BTC/USDT']))?.status).toBe('stale');
    await replayed(db);
    expect((await db.ledgers.get(['acc1', 'BTC/USDT']))?.status).toBe('current');
    expect((await pairPositions(db, 'acc1', 'BTC/USDT')).reduce((n, p) => n + p.fillCount, 0)).toBe(2);
    // acc2's books had the pair already (its import derived it); the single legs were never in them.
    expect(await db.ledgers.get(['acc2', 'BTC/USDT'])).toBeUndefined();
    db.close();
  });
});

describe('restoring a backup an earlier release wrote', () => {
  it('its single-leg statement converts become the pairs, or go where the pair is stored, in small chunks too', async () => {
    const old = newTestDb('convert-repair-backup');
    await old.accounts.put(account);
    await importAsTheOldReleaseDid(old);
    let backup = '';
    for await (const chunk of exportJournal(old, { now: () => NOW })) backup += chunk;
    old.close();

    // Into an empty journal (chunks of 2 rows: a convert's legs land in two transactions), and into one that imported the statement already.
    const empty = newTestDb('convert-repair-restore-1');
    await restoreJournal(empty, () => [backup], { chunkRows: 2 });
    const imported = newTestDb('convert-repair-restore-2');
    await imported.accounts.put(account);
    await storeFileImport(imported, account, importTradesCsv(STATEMENT, { accountId: 'acc1' }), { now: NOW });
    await restoreJournal(imported, () => [backup], { chunkRows: 2 });
    for (const db of [empty, imported]) {
      expect(shape(await converts(db))).toEqual(PAIRED_SHAPE);
      await replayed(db);
      expect((await pairPositions(db, 'acc1', 'BTC/USDT')).reduce((n, p) => n + p.fillCount, 0)).toBe(2);
      db.close();
    }
  });
});
