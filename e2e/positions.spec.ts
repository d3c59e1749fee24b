import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Trade } from '../shared/domain/types';
import { tradesToCsv } from '../shared/journal/csv/export';
import { launchApp } from './support/launch';
import { syncDemo } from './support/flows';

// Derived positions in real Chromium: a sync leaves every symbol current with nothing to click;
// a CSV import of history OLDER than the synced fills leaves its symbol stale, and it is replayed
// from its first fill (IndexedDB + Web Lock + the UI-thread rebuilder) into the same numbers a
// fresh replay gives, including the imported round trip.

/** The derived tables read with the raw IndexedDB API (no app code): ledgers and positions of one symbol. */
async function readDerived(page: Page, symbol: string): Promise<{ statuses: string[]; positions: { id: string; openedAt: number; realizedPnl: number }[] }> {
  return page.evaluate(async (sym) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tradelog-journal');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
    });
    try {
      const tx = db.transaction(['ledgers', 'positions'], 'readonly');
      const all = <T,>(name: string): Promise<T[]> => new Promise((resolve, reject) => {
        const req = tx.objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error ?? new Error('getAll failed'));
      });
      const ledgers = await all<{ status: string }>('ledgers');
      const positions = (await all<{ id: string; symbol: string; openedAt: number; realizedPnl: number }>('positions')).filter((p) => p.symbol === sym);
      return { statuses: ledgers.map((l) => l.status), positions: positions.map((p) => ({ id: p.id, openedAt: p.openedAt, realizedPnl: p.realizedPnl })) };
    } finally {
      db.close();
    }
  }, symbol);
}

test('a CSV import of older history is replayed into the stored positions', async ({ page }) => {
  test.setTimeout(120_000);
  const app = await launchApp();
  try {
    page = await app.open(page);
    await syncDemo(page);
    // A full sync stores the wallet flows (the demo's converts) before the fills, so fills older
    // than a convert already applied mark that pair stale; the store worker replays it by itself
    // shortly after the sync (no action), so every pair ends current.
    await expect.poll(async () => {
      const { statuses } = await readDerived(page, 'BTC/USDT');
      return statuses.length > 3 && statuses.every((s) => s === 'current');
    }, { timeout: 20_000 }).toBe(true);
    const synced = await readDerived(page, 'BTC/USDT');
    expect(synced.positions.length).toBeGreaterThan(0);

    // Two fills of 2020, long before the demo's history: one closed round trip, +100 gross.
    await page.getByTestId('nav-journal').click();
    await page.getByTestId('journal-tab-csv').click();
    // The app's own CSV format (the demo account only takes rows of its own exchange).
    const fill = (tradeId: string, at: number, side: 'buy' | 'sell', price: number): Trade => ({
      key: '', accountId: '', exchange: 'demo', marketType: 'spot', symbol: 'BTC/USDT', tradeId, orderId: null, timestamp: at,
      side, price, amount: 1, cost: price, feeCost: 0, feeCurrency: 'USDT', takerOrMaker: null, exchangeRealizedPnl: null,
    });
    const csv = tradesToCsv([fill('old-1', Date.UTC(2020, 0, 2, 10), 'buy', 7000), fill('old-2', Date.UTC(2020, 0, 3, 10), 'sell', 7100)]);
    await page.getByTestId('import-file').setInputFiles({ name: 'old.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('import-ok')).toHaveText('2');
    await page.getByTestId('import-write').click();
    await expect(page.getByTestId('import-result')).toContainText('Stored 2 new trades');

    // The import made BTC/USDT stale; the app replays it by itself.
    const opened2020 = Date.UTC(2020, 0, 2, 10);
    await expect.poll(async () => {
      const now = await readDerived(page, 'BTC/USDT');
      return now.statuses.every((s) => s === 'current') && now.positions.some((p) => p.openedAt === opened2020);
    }, { timeout: 30_000 }).toBe(true);
    const replayed = await readDerived(page, 'BTC/USDT');
    expect(replayed.positions.find((p) => p.openedAt === opened2020)?.realizedPnl).toBeCloseTo(100, 9);
    // The synced round trips are all still there (the replay started from the imported fills).
    expect(replayed.positions.length).toBe(synced.positions.length + 1);

    // And the journal shows it: the Positions tab for BTC/USDT, nothing stale.
    await page.getByTestId('journal-tab-positions').click();
    await page.getByTestId('filter-symbol').selectOption('BTC/USDT');
    await expect(page.getByTestId('compute-bar')).toHaveAttribute('data-stale', '0');
    await expect(page.getByTestId('positions-table')).toContainText('2020-01-02');
  } finally {
    await app.stop();
  }
});
