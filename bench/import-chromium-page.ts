/**
 * Runs in the page (bundled by bench/import-chromium.ts): a file import of `rows` fills, either
 * the app's way (the page hands the rows to the store worker over its writer port) or the way the
 * UI thread did it before (storeFileImport on this thread). Counts this thread's long tasks.
 */
import type { Account } from '../shared/domain/types';
import { connectJournalWriter } from '../renderer/bridge/journalWriterClient';
import { storeFileImport } from '../renderer/db/file-import';
import type { FileRows } from '../renderer/db/file-import';
import { openJournalDb } from '../renderer/db/schema';
import { makeAccount, makeTrade } from '../testing/db/fixtures';

export interface ImportBenchParams {
  rows: number;
  mode: 'worker' | 'ui-thread';
}

let longTasks = 0;
let longestTaskMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longTasks += 1;
    longestTaskMs = Math.max(longestTaskMs, entry.duration);
  }
}).observe({ type: 'longtask', buffered: true });

const SYMBOLS = Array.from({ length: 20 }, (_, i) => `C${i}/USDT`);

function fileRows(n: number, accountId: string): FileRows {
  const trades = Array.from({ length: n }, (_, i) => makeTrade(i, { accountId, symbol: SYMBOLS[i % SYMBOLS.length] ?? 'C0/USDT', tradeId: `f${i}` }));
  return { trades, income: [], movements: [], flows: [], closedPnl: [] };
}

async function run(params: ImportBenchParams): Promise<Record<string, number | string>> {
  // Every fill is older than the account's last sync: all of them are stored (docs/EXPORTS.md).
  const account: Account = makeAccount(`bench-${params.mode}`, { lastSuccessAt: Date.now() });
  const rows = fileRows(params.rows, account.id);
  const db = await openJournalDb();
  await db.accounts.put(account);
  longTasks = 0;
  longestTaskMs = 0;
  const started = performance.now();
  let inserted = 0;
  if (params.mode === 'worker') {
    const worker = new Worker('/worker.js');
    const channel = new MessageChannel();
    worker.postMessage('page', [channel.port2]);
    const { writer } = connectJournalWriter(channel.port1);
    inserted = (await writer.importFile(account, rows)).trades.inserted;
    worker.terminate();
  } else {
    inserted = (await storeFileImport(db, account, rows)).trades.inserted;
  }
  const seconds = (performance.now() - started) / 1000;
  // Long-task entries arrive asynchronously: let the observer catch up.
  await new Promise((resolve) => setTimeout(resolve, 200));
  db.close();
  return { mode: params.mode, rows: params.rows, inserted, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(inserted / seconds), mainThreadLongTasks: longTasks, longestTaskMs: Math.round(longestTaskMs) };
}

(window as unknown as { runBench(p: ImportBenchParams): Promise<Record<string, number | string>> }).runBench = run;
