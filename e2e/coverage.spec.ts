import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startSimulator } from '../simulator/server';
import type { Simulator } from '../simulator/server';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';
import { SMALL_HISTORY, addAccountViaForm, openApp, simKey } from './support/flows';

// The coverage map in Chromium: a Binance account synced from the loopback simulator shows the
// API's horizons and what to download; importing the exchange's own export files (a spot trade
// history of a symbol sync never fetched, a transaction history older than the income horizon)
// changes the map by itself: new file-sourced rows, and the income gap closed; the statement's
// converts and distributions are stored as asset flows and close those kinds' gaps too.
let app: AppHandle;
let sim: Simulator;

test.afterEach(async () => {
  await app.stop();
  await sim.close();
});

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('nav-journal').click();
  await page.getByTestId('journal-tab-csv').click();
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-write').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
}

test('importing export files changes the coverage map', async ({ page }) => {
  test.setTimeout(120_000);
  const key = simKey('cov');
  sim = await startSimulator({ history: SMALL_HISTORY, keys: [key] });
  app = await launchApp();
  page = await openApp(page, app);
  const card = await addAccountViaForm(page, { label: 'Binance main', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 60_000 });

  await page.getByTestId('nav-coverage').click();
  const futures = page.getByTestId('coverage-futuresFills');
  await expect(futures.getByTestId('coverage-horizon')).toContainText('not served');
  await expect(futures.locator('[data-gap="before-horizon"]')).toContainText('Binance USD-M futures trade history');
  const income = page.getByTestId('coverage-income');
  await expect(income.locator('[data-gap="before-horizon"]')).toContainText('Generate all statements');
  const spot = page.getByTestId('coverage-spotFills');
  await expect(spot.locator('[data-testid="coverage-row"][data-sources="api"]').first()).toBeVisible();
  await expect(spot.locator('[data-key="DOGE/USDT"]')).toHaveCount(0);
  const converts = page.getByTestId('coverage-converts');
  await expect(converts.locator('[data-gap="before-horizon"]')).toContainText('Generate all statements');
  const rewards = page.getByTestId('coverage-rewards');
  await expect(rewards.locator('[data-gap="before-horizon"]')).toHaveCount(1);
  await expect(page.getByTestId('coverage-dust').locator('[data-gap="count-limit"]')).toContainText('100');

  // A Binance spot trade history of 2019 (a symbol this account's sync does not fetch).
  await importFile(page, 'Binance-spot-trade-history.csv', [
    'Date(UTC),Pair,Side,Price,Executed,Amount,Fee',
    '2019-07-01 10:00:00,DOGEUSDT,BUY,0.004,1000DOGE,4USDT,1DOGE',
    '2019-07-02 11:30:00,DOGEUSDT,SELL,0.005,999DOGE,4.995USDT,0.004995USDT',
  ].join('\n'));
  await expect(page.getByTestId('import-result')).toContainText('Stored 2 new trades');
  // Older funding than the API's 3 months: the transaction history ("Generate all statements").
  await importFile(page, 'Binance-transaction-history.csv', [
    'User_ID,UTC_Time,Account,Operation,Coin,Change,Remark',
    '1,2019-07-01 08:00:00,USD-M Futures,Funding Fee,USDT,-0.12,',
    '1,2019-07-01 16:00:00,USD-M Futures,Funding Fee,USDT,0.08,',
    '1,2019-07-03 09:00:00,Spot,Binance Convert,USDT,-10,',
    '1,2019-07-03 09:00:00,Spot,Binance Convert,BNB,0.5,',
    '1,2019-07-04 00:00:00,Spot,Distribution,BNB,0.01,',
  ].join('\n'));
  await expect(page.getByTestId('import-result')).toContainText('Income: 2 stored');
  // The convert's two rows are one two-leg flow (docs/EXPORTS.md, "Converts from a statement"), plus the distribution.
  await expect(page.getByTestId('import-flows')).toHaveText('2');

  await page.getByTestId('nav-coverage').click();
  const doge = spot.locator('[data-key="DOGE/USDT"]');
  await expect(doge).toHaveAttribute('data-sources', 'file');
  await expect(doge).toContainText('2019-07-01');
  // The simulator's history opens with a transfer into the USD-M wallet: a TRANSFER income row in USDT from the API.
  await expect(income.locator('[data-key="USDT"]')).toHaveAttribute('data-sources', 'api+file');
  await expect(income.locator('[data-gap="before-horizon"]')).toHaveCount(0);
  await expect(converts.locator('[data-key="USDT"]')).toHaveAttribute('data-sources', /file/);
  await expect(converts.locator('[data-key="BNB"]')).toContainText('2019-07-03');
  await expect(converts.locator('[data-gap="before-horizon"]')).toHaveCount(0);
  await expect(rewards.locator('[data-key="BNB"]')).toHaveAttribute('data-sources', /file/);
  await expect(rewards.locator('[data-gap="before-horizon"]')).toHaveCount(0);
  // Balances: the same per-asset reconciliation as the Positions tab, on demand.
  const balances = page.getByTestId('coverage-balances');
  await balances.getByTestId('coverage-reconcile').click();
  await expect(balances.locator('[data-key="USDT (spot)"]')).toBeVisible();
});

test('a Bybit closed P&L export: stored as summaries, its closes without fills are a coverage gap and summary-only P&L', async ({ page }) => {
  test.setTimeout(120_000);
  const key = simKey('cpnl');
  sim = await startSimulator({ history: SMALL_HISTORY, keys: [key] });
  app = await launchApp();
  page = await openApp(page, app);
  const card = await addAccountViaForm(page, { exchange: 'bybit', label: 'Bybit main', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 60_000 });

  // Closes of 2023, beyond the API's two years: the export is their only record.
  const closedPnl = [
    'Contracts,Closing Direction,Qty,Entry Price,Exit Price,Closed P&L,Exit Type,Trade Time(UTC+0),Order No.,Create Time',
    'XRPUSDT,Close Long,340,0.51,0.52,3.2,Trade,2023-03-02 10:00:00,aa11bb22,2023-03-01 09:00:00',
    'XRPUSDT,Close Short,100,0.55,0.53,1.9,Trade,2023-03-05 12:30:00,cc33dd44,2023-03-04 08:00:00',
  ].join('\n');
  await importFile(page, 'Bybit-ClosedPNL.csv', closedPnl);
  await expect(page.getByTestId('import-closed-pnl-stored')).toHaveText('2');
  await importFile(page, 'Bybit-ClosedPNL.csv', closedPnl);
  await expect(page.getByTestId('import-closed-pnl-stored')).toHaveText('0');

  await page.getByTestId('nav-coverage').click();
  const xrp = page.getByTestId('coverage-futuresFills').locator('[data-key="XRP/USDT:USDT"]');
  const gap = xrp.locator('[data-gap="closed-pnl-without-fills"]');
  await expect(gap).toContainText('2 closed P&L records of XRP/USDT:USDT from 2023-03-02 to 2023-03-05');
  await expect(gap.getByTestId('gap-action')).toContainText('Bybit trade history');
  await expect(gap.getByTestId('gap-action')).toContainText('2023-03-02');

  await page.getByTestId('nav-journal').click();
  await page.getByTestId('journal-tab-positions').click();
  const summaryOnly = page.getByTestId('summary-only-pnl');
  await expect(summaryOnly.locator('[data-symbol="XRP/USDT:USDT"]')).toContainText('summary only');
  // The P&L cell sums both closes: 3.2 + 1.9.
  await expect(summaryOnly.locator('[data-symbol="XRP/USDT:USDT"] td').last()).toHaveText('5.1');
});
