import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { importTradesCsv } from '../../shared/journal/csv/import';
import { DexieStore } from '../db/dexie-store';
import { exportJournal } from '../db/export';
import { JOURNAL_WRITER_METHODS } from '../db/journal-writer';
import { tradeTotals } from '../db/queries';
import { servePort } from '../db/worker-host';
import type { MessageEndpoint } from '../db/worker-host';
import { DexieJournalWriter } from '../db/dexie-journal-writer';
import { T0, makeAccount, makeBatch, makeLog, makeTrade, newTestDb, range } from '../../testing/db/test-support';
import { connectedJournalWriter } from '../../testing/db/journal-writer';
import { connectJournalWriter } from './journalWriterClient';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const iso = (t: number): string => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

/** A Binance spot export of `n` fills, one a minute, a year back (older than any sync). */
function binanceFile(n: number): string {
  const lines = ['Date(UTC),Pair,Side,Price,Executed,Amount,Fee'];
  for (let i = 0; i < n; i++) lines.push(`${iso(NOW - 365 * DAY + i * 60_000)},BTCUSDT,${i % 2 === 0 ? 'BUY' : 'SELL'},${100 + (i % 7)},1BTC,${100 + (i % 7)}USDT,0.001BTC`);
  return lines.join('\n');
}

async function exported(store: DexieStore): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of exportJournal(store.db, { now: () => T0 })) parts.push(chunk);
  return parts.join('');
}

describe('the page writer port (page client <-> store worker over a real MessageChannel)', () => {
  it('imports a file larger than one staged part: every row stored once, progress reported, stale symbols handed to the replayer', async () => {
    const db = newTestDb();
    const account = makeAccount('acc1', { exchange: 'binance', lastSuccessAt: NOW - DAY });
    await db.accounts.put(account);
    let pokes = 0;
    const writer = connectedJournalWriter(db, { onMaybeStale: () => { pokes += 1; } });
    const parsed = importTradesCsv(binanceFile(12_001), { accountId: 'acc1' });
    expect(parsed.trades).toHaveLength(12_001);
    const progress: number[] = [];
    const outcome = await writer.importFile(account, parsed, (done) => progress.push(done));
    expect(outcome.trades).toMatchObject({ inserted: 12_001, duplicates: 0 });
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(12_001);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(12_001);
    expect(pokes).toBe(1);
    // The same file again stores nothing new.
    const again = await writer.importFile(account, importTradesCsv(binanceFile(12_001), { accountId: 'acc1' }));
    expect(again.trades.inserted).toBe(0);
    expect((await tradeTotals(db, { accountId: 'acc1' })).count).toBe(12_001);
  });

  it('an empty file imports as nothing', async () => {
    const db = newTestDb();
    const account = makeAccount('acc1', { exchange: 'binance' });
    const outcome = await connectedJournalWriter(db).importFile(account, { trades: [], income: [], movements: [], flows: [], closedPnl: [] });
    expect(outcome.trades.inserted).toBe(0);
  });

  it('restores an export file sent as a Blob (the worker reads it itself), and a bad file is a typed error with nothing stored', async () => {
    const source = new DexieStore(newTestDb());
    await source.putAccount(makeAccount('acc1'));
    await source.putSyncLog(makeLog('acc1#1', 'acc1'));
    await source.commitBatch(makeBatch('b1', range(0, 25).map((n) => makeTrade(n)), { accountId: 'acc1', logId: 'acc1#1' }));
    const text = await exported(source);
    source.close();

    const target = newTestDb();
    const writer = connectedJournalWriter(target);
    const result = await writer.restore(new Blob([text]));
    expect(result.inserted.trade).toBe(25);
    expect(await target.trades.count()).toBe(25);

    const empty = newTestDb();
    const broken = text.split('\n').slice(0, -3).join('\n');
    const error = await connectedJournalWriter(empty).restore(new Blob([broken])).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    expect(await empty.trades.count()).toBe(0);
    expect(await empty.accounts.count()).toBe(0);
  });

  it('journal entries and stops: validated in the worker, typed errors cross back, nothing half-stored', async () => {
    const db = newTestDb();
    const writer = connectedJournalWriter(db);
    const saved = await writer.saveEntry({ key: 'p1', kind: 'position', accountId: 'acc1', note: 'plan', tags: ['b', 'a', 'a'], rating: 4 }, 100);
    expect(saved).toMatchObject({ tags: ['a', 'b'], createdAt: 100 });
    expect(await writer.setPositionStop({ key: 'p1', accountId: 'acc1' }, 95, 200)).toMatchObject({ note: 'plan', stopPrice: 95, createdAt: 100 });
    const bad = await writer.setPositionStop({ key: 'p1', accountId: 'acc1' }, -1).then(() => null, (e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).code).toBe('INVALID_INPUT');
    // Clearing keeps the entry because it carries a stop.
    expect(await writer.clearEntry('p1', 300)).toMatchObject({ note: '', stopPrice: 95 });
    expect(await db.journal.count()).toBe(1);
  });

  it('answers only the port\'s own methods, and fails every call in flight when the worker goes away', async () => {
    const channel = new MessageChannel();
    const served = channel.port2 as unknown as MessageEndpoint & { start(): void };
    servePort(served, new DexieJournalWriter(newTestDb()), JOURNAL_WRITER_METHODS);
    served.start();
    const answers: unknown[] = [];
    const probe = channel.port1 as unknown as MessageEndpoint & { start(): void };
    probe.addEventListener('message', (event: MessageEvent) => answers.push(event.data));
    probe.start();
    probe.postMessage({ id: 1, method: 'constructor', args: [] });
    await expect.poll(() => answers).toEqual([{ id: 1, reply: { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown store method.' } } }]);
    channel.port1.close();

    // A worker that never answers: its calls end at once when the page learns it stopped.
    const silent = new MessageChannel();
    const client = connectJournalWriter(silent.port1 as unknown as MessageEndpoint & { start(): void });
    const pending = client.writer.putCandles('demo|BTC/USDT|1m', []).then(() => null, (e: unknown) => e);
    client.failAll('The journal store worker stopped.');
    const failure = await pending;
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('STORE_UNAVAILABLE');
    silent.port1.close();
  });
});
