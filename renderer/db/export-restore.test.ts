import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importTradesCsv } from '../../shared/journal/csv/import';
import { assetFlowKey, movementKey } from '../../shared/domain/keys';
import { AppError } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { DexieStore } from './dexie-store';
import { exportJournal } from './export';
import { restoreJournal } from './restore';
import type { JournalDb } from './schema';
import { T0, dumpAll, makeAccount, makeBatch, makeCheckpoint, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';

const stores: DexieStore[] = [];
function newStore(): DexieStore {
  const s = new DexieStore(newTestDb());
  stores.push(s);
  return s;
}
afterEach(() => { for (const s of stores.splice(0)) s.close(); });

async function seeded(): Promise<DexieStore> {
  const s = newStore();
  await s.putSettings({ ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, pageSize: 500 } });
  for (const acc of ['acc1', 'acc2']) {
    await s.putAccount(makeAccount(acc));
    await s.putSyncLog(makeLog(`${acc}#1`, acc));
    await s.commitBatch(makeBatch(`${acc}-b`, range(0, 30).map((n) => makeTrade(n, { accountId: acc, tradeId: `${acc}${n}`, symbol: n % 2 ? 'BTC/USDT' : 'ETH/USDT' })), {
      accountId: acc, logId: `${acc}#1`,
      movements: [{ key: movementKey('demo', acc, 'deposit', 'm1'), accountId: acc, exchange: 'demo', type: 'deposit', movementId: 'm1', currency: 'USDT', amount: 5, fee: 0, network: 'TRX', txid: null, status: 'ok', timestamp: T0 }],
      flows: [{ key: assetFlowKey('demo', acc, 'convert', 'q1'), accountId: acc, exchange: 'demo', kind: 'convert', rawType: 'convert', flowId: 'q1', timestamp: T0, legs: [{ wallet: 'spot', asset: 'USDT', amount: -20 }, { wallet: 'spot', asset: 'BNB', amount: 0.06 }] }],
      balances: [{ key: `${acc}|spot|${T0}`, accountId: acc, marketType: 'spot', timestamp: T0, balances: [{ currency: 'USDT', free: 1, used: 0, total: 1 }] }],
      checkpoints: [makeCheckpoint(acc, 'BTC/USDT', '30'), makeCheckpoint(acc, 'ETH/USDT', '30', { cursor: { kind: 'window', windowStart: T0, pageCursor: 'abc' } })],
    }));
  }
  await s.db.journal.add({ key: makeTrade(1).key, kind: 'trade', accountId: 'acc1', note: 'why I took it', tags: ['breakout'], rating: 4, createdAt: T0, updatedAt: T0 });
  // What an export-file import stored (renderer/db/file-import.ts): the coverage map's file source.
  await s.db.importSummaries.bulkPut([
    { accountId: 'acc1', kind: 'spotFills', key: 'BTC/USDT', first: T0 - 1000, last: T0, rows: 3, updatedAt: T0 },
    { accountId: 'acc2', kind: 'converts', key: 'USDT', first: T0 - 5000, last: T0 - 4000, rows: 2, updatedAt: T0 },
  ]);
  return s;
}

async function exportChunks(db: JournalDb, chunkRows = 7): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of exportJournal(db, { chunkRows, now: () => T0 })) out.push(chunk);
  return out;
}

/** Re-chunk text at odd sizes so lines are split across chunks, like a file stream. */
function* rechunk(text: string, size = 97): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function restoreError(db: JournalDb, text: string): Promise<AppError> {
  const error = await restoreJournal(db, () => rechunk(text), { chunkRows: 5 }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('export / restore', () => {
  it('carries asset flows; a file written before flows existed still restores', async () => {
    const source = await seeded();
    const text = (await exportChunks(source.db)).join('');
    expect(text).toContain('"type":"flow"');
    const target = newStore();
    const result = await restoreJournal(target.db, () => rechunk(text), { chunkRows: 5 });
    expect(result.inserted.flow).toBe(2);
    expect(await target.db.assetFlows.count()).toBe(2);
    // An older file: no flow lines and no flow count in its end marker.
    const old = text.split('\n').filter((l) => !l.includes('"type":"flow"')).map((l) => (l.includes('"type":"end"') ? l.replace(/"flow":\d+,/, '') : l)).join('\n');
    expect(old).not.toContain('"flow"');
    const older = newStore();
    await restoreJournal(older.db, () => rechunk(old), { chunkRows: 5 });
    expect(await older.db.trades.count()).toBe(60);
  });

  it('carries imported closed P&L rows (user-provided, the API may no longer serve them); a re-restore adds nothing; an older file still restores', async () => {
    const source = await seeded();
    const rows = importTradesCsv(readFileSync(new URL('../../shared/journal/csv/fixtures/bybit-closed-pnl.csv', import.meta.url), 'utf8'), { accountId: 'acc2' }).closedPnl;
    await source.db.closedPnlRecords.bulkAdd(rows);
    const text = (await exportChunks(source.db)).join('');
    expect(text).toContain('"type":"closedPnl"');
    const target = newStore();
    const result = await restoreJournal(target.db, () => rechunk(text), { chunkRows: 5 });
    expect(result.inserted.closedPnl).toBe(6);
    expect(await target.db.closedPnlRecords.orderBy(':id').toArray()).toEqual(await source.db.closedPnlRecords.orderBy(':id').toArray());
    const again = await restoreJournal(target.db, () => rechunk(text), { chunkRows: 5 });
    expect([again.inserted.closedPnl, again.skipped.closedPnl]).toEqual([0, 6]);
    const old = text.split('\n').filter((l) => !l.includes('"type":"closedPnl"')).map((l) => (l.includes('"type":"end"') ? l.replace(/"closedPnl":\d+,/, '') : l)).join('\n');
    expect(old).not.toContain('"closedPnl"');
    const older = newStore();
    await restoreJournal(older.db, () => rechunk(old), { chunkRows: 5 });
    expect(await older.db.closedPnlRecords.count()).toBe(0);
    expect(await older.db.trades.count()).toBe(60);
  });

  it('carries import summaries (the coverage map still tells file rows from API rows); a file written before them still restores; a restore widens a stored summary without doubling it', async () => {
    const source = await seeded();
    const text = (await exportChunks(source.db)).join('');
    expect(text).toContain('"type":"summary"');
    const target = newStore();
    await target.db.importSummaries.put({ accountId: 'acc1', kind: 'spotFills', key: 'BTC/USDT', first: T0 - 500, last: T0 + 10, rows: 2, updatedAt: T0 });
    const result = await restoreJournal(target.db, () => rechunk(text), { chunkRows: 5 });
    expect(result.inserted.summary).toBe(2);
    expect(await target.db.importSummaries.toArray()).toEqual([
      { accountId: 'acc1', kind: 'spotFills', key: 'BTC/USDT', first: T0 - 1000, last: T0 + 10, rows: 3, updatedAt: T0 },
      { accountId: 'acc2', kind: 'converts', key: 'USDT', first: T0 - 5000, last: T0 - 4000, rows: 2, updatedAt: T0 },
    ]);
    const again = await restoreJournal(target.db, () => rechunk(text), { chunkRows: 5 });
    expect([again.inserted.summary, again.skipped.summary]).toEqual([0, 2]);
    // A file written before summaries existed: no summary lines, no summary count.
    const old = text.split('\n').filter((l) => !l.includes('"type":"summary"')).map((l) => (l.includes('"type":"end"') ? l.replace(/,"summary":\d+/, '') : l)).join('\n');
    expect(old).not.toContain('"summary"');
    const older = newStore();
    await restoreJournal(older.db, () => rechunk(old), { chunkRows: 5 });
    expect([await older.db.trades.count(), await older.db.importSummaries.count()]).toEqual([60, 0]);
  });

  it('streams in chunks and round-trips to a byte-identical re-export', async () => {
    const source = await seeded();
    const chunks = await exportChunks(source.db);
    expect(chunks.length).toBeGreaterThan(5);
    const text = chunks.join('');

    const target = newStore();
    const result = await restoreJournal(target.db, () => rechunk(text), { chunkRows: 5 });
    expect(result.inserted).toMatchObject({ account: 2, trade: 60, movement: 2, balance: 2, checkpoint: 4, journal: 1, settings: 1 });
    expect((await exportChunks(target.db, 13)).join('')).toBe(text);
    // Stats are rebuilt from the restored rows.
    // (Float sums may differ in the last bit: the rows are added in a different order.)
    const summary = async (db: JournalDb): Promise<unknown[]> => (await db.symbolStats.toArray())
      .map((r) => [r.accountId, r.symbol, r.count, r.buyCount, r.firstTimestamp, r.lastTimestamp, Math.round(r.volume * 1e6)]);
    expect(await summary(target.db)).toEqual(await summary(source.db));
    expect(await target.db.dailyStats.count()).toBe(await source.db.dailyStats.count());
    expect(await target.getSettings()).toEqual(await source.getSettings());
  });

  it('is idempotent: restoring the same file again changes nothing', async () => {
    const source = await seeded();
    const text = (await exportChunks(source.db)).join('');
    const before = await dumpAll(source.db);
    const again = await restoreJournal(source.db, () => rechunk(text));
    expect(Object.values(again.inserted).every((n) => n === 0)).toBe(true);
    expect(again.skipped.trade).toBe(60);
    expect(await dumpAll(source.db)).toEqual(before);
  });

  it('accepts CRLF line endings and the whole file as one string', async () => {
    const source = await seeded();
    const text = (await exportChunks(source.db)).join('');
    const target = newStore();
    const result = await restoreJournal(target.db, () => [text.replaceAll('\n', '\r\n')]);
    expect(result.inserted.trade).toBe(60);
    expect((await exportChunks(target.db)).join('')).toBe(text);
  });

  it('keeps the newer of two journal notes', async () => {
    const source = await seeded();
    const text = (await exportChunks(source.db)).join('');
    await source.db.journal.update(makeTrade(1).key, { note: 'edited later', updatedAt: T0 + 1 });
    await restoreJournal(source.db, () => [text]);
    expect((await source.db.journal.get(makeTrade(1).key))?.note).toBe('edited later');
  });

  describe('a bad file is INVALID_INPUT and stores nothing', () => {
    async function expectRejected(mutate: (lines: string[]) => string[], message: RegExp): Promise<void> {
      const source = await seeded();
      const lines = (await exportChunks(source.db)).join('').trimEnd().split('\n');
      const target = newStore();
      await target.db.open();
      const before = await dumpAll(target.db);
      const error = await restoreError(target.db, `${mutate(lines).join('\n')}\n`);
      expect(error.code).toBe('INVALID_INPUT');
      expect(JSON.stringify(error.issues)).toMatch(message);
      expect(await dumpAll(target.db)).toEqual(before);
    }

    it('truncated (no end marker)', () => expectRejected((l) => l.slice(0, -1), /incomplete/));
    it('a corrupt line after many good ones', () => expectRejected((l) => [...l.slice(0, 50), '{"type":"trade","row":{', ...l.slice(50)], /not JSON/));
    it('an extra field (e.g. a secret) on an account', () => expectRejected((l) => l.map((x) => x.replace('"credentialRef":', '"apiSecret":"s","credentialRef":')), /apiSecret|Unrecognized/i));
    it('a trade whose key does not match its fields', () => expectRejected((l) => l.map((x) => x.replace('"tradeId":"acc15"', '"tradeId":"zzz"')), /key does not match/));
    it('a missing or foreign header', () => expectRejected((l) => l.slice(1), /header/));
    it('a summary of an unknown kind', () => expectRejected((l) => l.map((x) => x.replace('"kind":"converts"', '"kind":"nonsense"')), /not a coverage kind/));
    it('end counts that disagree', () => expectRejected((l) => l.filter((x, i) => i !== 40 || !x.includes('"type":"trade"')), /says 60 trade rows/));
  });
});
