/**
 * A probe for docs/BENCHMARKS.md (review section), run by bench/review-chromium-page.ts: how long
 * Chromium's IndexedDB takes to hand the page the same labelled rows as one record each (as
 * `labelledPositions` stores them) and packed as one columnar record per UTC day. Plain IndexedDB
 * in its own database; nothing of the app's store is changed.
 */
import type { LabelledPosition } from '../shared/journal/labelled-position';
import { timeRuns } from './median-timer';

const DAY_MS = 86_400_000;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

interface DayPack { day: number; keys: string[]; closedAt: Float64Array; netPnl: Float64Array; r: Float64Array; labels: string[] }

function packByDay(rows: readonly LabelledPosition[]): DayPack[] {
  const days = new Map<number, LabelledPosition[]>();
  for (const row of rows) {
    const day = Math.floor(row.closedAt / DAY_MS);
    const list = days.get(day);
    if (list === undefined) days.set(day, [row]);
    else list.push(row);
  }
  return [...days].map(([day, list]) => ({
    day, keys: list.map((x) => x.key), closedAt: Float64Array.from(list, (x) => x.closedAt), netPnl: Float64Array.from(list, (x) => x.netPnl),
    r: Float64Array.from(list, (x) => x.r ?? Number.NaN), labels: list.map((x) => x.labels.join('\n')),
  }));
}

/** Median ms of reading every row as separate records vs as day packs (getAll of each store). */
export async function probePacking(rows: readonly LabelledPosition[]): Promise<{ rowRecordsMs: number; dayPacksMs: number; dayPacks: number }> {
  const name = `review-pack-probe-${Date.now()}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('rows', { keyPath: 'key' });
    open.result.createObjectStore('packs', { keyPath: 'day' });
  };
  const db = await request(open);
  const packs = packByDay(rows);
  const write = db.transaction(['rows', 'packs'], 'readwrite');
  for (const row of rows) write.objectStore('rows').put(row);
  for (const pack of packs) write.objectStore('packs').put(pack);
  await done(write);
  const read = (store: string): Promise<unknown[]> => request(db.transaction(store, 'readonly').objectStore(store).getAll());
  const rowRecords = await timeRuns(() => read('rows'));
  const dayPacks = await timeRuns(() => read('packs'));
  db.close();
  indexedDB.deleteDatabase(name);
  return { rowRecordsMs: rowRecords.medianMs, dayPacksMs: dayPacks.medianMs, dayPacks: packs.length };
}
