import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { launchApp } from './support/launch';

// Data safety as a user meets it: export the journal, drop one category and fetch it again,
// restore the export into an empty journal on another instance.
async function tradeCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('account-card').getByTestId('trade-count').innerText()).replace(/[^0-9]/g, ''));
}

test('export, purge and re-fetch, restore into an empty journal', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const app = await launchApp();
  try {
    page = await app.open(page);
    await page.getByTestId('try-demo').click();
    const card = page.getByTestId('account-card');
    await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
    const synced = await tradeCount(page);
    expect(synced).toBeGreaterThan(100);

    // Export: a versioned JSON-lines file holding every trade (no secrets: the demo has none).
    await page.getByTestId('nav-settings').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-journal').click()]);
    const file = await download.path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ format: expect.any(String), formatVersion: expect.any(Number) });
    expect(lines.filter((l) => l.endsWith('"type":"trade"}')).length).toBe(synced);

    // Purge trades and fetch them again: back to exactly the same count, nothing doubled.
    await page.getByTestId('purge-account').selectOption({ label: 'Demo exchange' });
    await page.getByTestId('purge-category').selectOption('trades');
    await page.getByTestId('purge-run').click();
    await expect(page.getByTestId('data-message')).toContainText('fresh sync has started');
    await page.getByTestId('nav-accounts').click();
    await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
    await expect.poll(() => tradeCount(page), { timeout: 45_000 }).toBe(synced);

    // Purge deposits and withdrawals and fetch them again from yesterday only: what lay before is
    // gone, so the card must not call the account synced (docs/SYNC-STATUS.md).
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('purge-account').selectOption({ label: 'Demo exchange' });
    await page.getByTestId('purge-category').selectOption('movements');
    await page.getByTestId('purge-since').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await page.getByTestId('purge-run').click();
    await expect(page.getByTestId('data-message')).toContainText('fresh sync has started');
    await page.getByTestId('nav-accounts').click();
    await expect(card).toHaveAttribute('data-status', 'partial', { timeout: 45_000 });
    await expect(card).toContainText('deposits, withdrawals and wallet history not yet imported');

    // Restore into another instance: another port is another origin (Electron: another profile),
    // so an empty journal.
    const other = await launchApp();
    const tab = await browser.newPage();
    try {
      const fresh = await other.open(tab);
      await expect(fresh.getByTestId('first-run')).toBeVisible();
      await fresh.getByTestId('first-add-account').click();
      await fresh.getByTestId('nav-settings').click();
      await fresh.getByTestId('restore-journal').setInputFiles(file);
      await expect(fresh.getByTestId('data-message')).toContainText('Restored');
      await fresh.getByTestId('nav-accounts').click();
      await expect.poll(() => tradeCount(fresh), { timeout: 20_000 }).toBe(synced);
      // Restoring the same file again adds nothing.
      await fresh.getByTestId('nav-settings').click();
      await fresh.getByTestId('restore-journal').setInputFiles(file);
      await expect(fresh.getByTestId('data-message')).toContainText('Restored 0 records');
    } finally {
      await tab.close();
      await other.stop();
    }
  } finally {
    await app.stop();
  }
});
