import type { Page } from '@playwright/test';
import type { Checkpoint, Job } from '../../shared/domain/types';

/**
 * Reads the page's journal database with the raw IndexedDB API (no app code involved), so an
 * assertion sees exactly what is committed on disk, whatever the app's own store layer believes.
 */

export interface StoredTrade {
  key: string;
  marketType: string;
  symbol: string;
}

export interface JournalSnapshot {
  trades: StoredTrade[];
  checkpoints: Checkpoint[];
  jobs: Job[];
}

/**
 * One read-only transaction over checkpoints, jobs and (unless `withTrades` is false: cheap
 * sampling while a sync runs) trades of one account: a consistent snapshot.
 */
export async function readJournal(page: Page, accountId: string, withTrades = true): Promise<JournalSnapshot> {
  return page.evaluate(async ({ account, withTrades: trades_ }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tradelog-journal');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
      open.onupgradeneeded = () => {
        open.transaction?.abort();
        reject(new Error('the journal database does not exist yet'));
      };
    });
    try {
      const tx = db.transaction(['trades', 'checkpoints', 'jobs'], 'readonly');
      const all = <T,>(name: string): Promise<T[]> => new Promise((resolve, reject) => {
        const req = tx.objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error ?? new Error(`getAll ${name} failed`));
      });
      interface Row { key: string; accountId: string; marketType: string; symbol: string }
      const [trades, checkpoints, jobs] = await Promise.all([trades_ ? all<Row>('trades') : Promise.resolve([]), all<Checkpoint>('checkpoints'), all<Job>('jobs')]);
      return {
        trades: trades.filter((t) => t.accountId === account).map((t) => ({ key: t.key, marketType: t.marketType, symbol: t.symbol })),
        checkpoints: checkpoints.filter((c) => c.accountId === account),
        jobs: jobs.filter((j) => j.accountId === account),
      };
    } finally {
      db.close();
    }
  }, { account: accountId, withTrades });
}

/**
 * Watches that no checkpoint ever goes backwards (invariant 2/3: resume starts from the last
 * committed checkpoint). `fromId` cursors compare as integers, window cursors by windowStart; a
 * window cursor may turn into a fromId cursor (USD-M search phase ends), never the other way.
 */
export class CheckpointWatch {
  private readonly last = new Map<string, Checkpoint>();
  readonly violations: string[] = [];
  samples = 0;

  observe(checkpoints: readonly Checkpoint[], when: string): void {
    this.samples++;
    for (const cp of checkpoints) {
      const prev = this.last.get(cp.key);
      if (prev !== undefined) {
        const problem = backwards(prev, cp);
        if (problem !== null) this.violations.push(`${when}: ${cp.key}: ${problem}`);
      }
      this.last.set(cp.key, cp);
    }
    for (const key of this.last.keys()) {
      if (!checkpoints.some((c) => c.key === key)) this.violations.push(`${when}: checkpoint ${key} disappeared`);
    }
  }
}

function backwards(prev: Checkpoint, next: Checkpoint): string | null {
  if (next.rowCount < prev.rowCount) return `rowCount ${prev.rowCount} -> ${next.rowCount}`;
  const a = prev.cursor;
  const b = next.cursor;
  if (a.kind === 'fromId' && b.kind === 'fromId') {
    return BigInt(b.fromId) < BigInt(a.fromId) ? `fromId ${a.fromId} -> ${b.fromId}` : null;
  }
  if (a.kind === 'window' && b.kind === 'window') {
    return b.windowStart < a.windowStart ? `windowStart ${a.windowStart} -> ${b.windowStart}` : null;
  }
  if (a.kind === 'fromId' && b.kind === 'window') return `fromId ${a.fromId} -> window ${b.windowStart}`;
  return null;
}
