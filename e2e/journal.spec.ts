import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { launchApp } from './support/launch';
import { syncDemo } from './support/flows';

// The journal as a trader uses it after the demo sync: trades table, positions with P&L and the
// reconciliation report, the dashboard, a note with tags that survives a relaunch, CSV export.
test('the journal: trades, positions, dashboard, a note that survives a relaunch, CSV export', async ({ page }) => {
  test.setTimeout(150_000);
  let app = await launchApp();
  try {
    page = await app.open(page);
    await syncDemo(page);

    await page.getByTestId('nav-journal').click();
    let table = page.getByTestId('trade-table');
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    // Virtualized: far fewer DOM rows than trades.
    expect(await table.getByRole('row').count()).toBeLessThan(120);

    // Filter by side: every visible row is a sell.
    await page.getByTestId('filter-side').selectOption('sell');
    await expect(table.locator('.side-buy')).toHaveCount(0);
    await expect(table.locator('.side-sell').first()).toBeVisible();
    await page.getByTestId('filter-side').selectOption('');

    // Realized P&L of closing fills: derived by the store as it committed them, no action needed.
    await expect(table.locator('.jr-cell.pnl-up, .jr-cell.pnl-down').first()).toBeVisible();

    // Positions: stored with the fills (nothing to compute), with realized P&L, and reconciled.
    await page.getByTestId('journal-tab-positions').click();
    const positions = page.getByTestId('positions-table');
    await expect(positions.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByTestId('compute-bar')).toHaveAttribute('data-stale', '0');
    await expect(page.getByTestId('positions-current')).toBeVisible();
    await expect(page.getByTestId('reconciliation')).toBeVisible();
    // Symbols are read one after another: count once every symbol is in.
    const summary = page.getByTestId('positions-summary');
    await expect(summary).toHaveText(/ from (\d+) of \1 symbols/);
    const positionCount = await positions.getByRole('row').count();
    // Balances: every asset of every wallet adds up to what the demo exchange reports.
    await page.getByTestId('balance-reconcile').click();
    const balanceRows = page.getByTestId('balance-reconciliation').locator('tbody tr');
    await expect(balanceRows.first()).toBeVisible();
    expect(await balanceRows.count()).toBeGreaterThan(3);
    await expect(page.getByTestId('balance-reconciliation').locator('tbody tr:not([data-cause="matches"])')).toHaveCount(0);

    // Dashboard: stats over the computed positions, equity chart and P&L calendar.
    await page.getByTestId('journal-tab-dashboard').click();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    await expect(page.getByTestId('equity-chart')).toBeVisible();
    await expect(page.getByTestId('pnl-calendar')).toBeVisible();

    // A note on the newest trade, with tags and a label.
    await page.getByTestId('journal-tab-history').click();
    await table.getByRole('button', { name: '+ note' }).first().click();
    await page.getByTestId('entry-note').fill('Chased the **breakout**.\n- too early');
    await page.getByTestId('entry-tags').fill('fomo-e2e, review');
    await page.getByTestId('entry-mistakes').fill('late entry');
    await page.getByTestId('entry-save').click();
    await expect(table.getByRole('button', { name: /fomo-e2e/ })).toBeVisible();

    // CSV export of trades: a header row and one row per trade.
    await page.getByTestId('journal-tab-csv').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trades').click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    expect(csv[0]).toContain('tradeId');
    expect(csv.length - 1).toBeGreaterThan(100);

    // Relaunch on the same journal (browser: the same port): the note is still there and filterable.
    await app.stop();
    app = await app.launchAgain();
    page = await app.open(page);
    // Electron's relaunch has a new window: locators of the old one would point at a closed page.
    table = page.getByTestId('trade-table');
    await expect(page.getByTestId('account-card')).toBeVisible();
    await page.getByTestId('nav-journal').click();
    await page.getByTestId('journal-tab-history').click();
    await page.getByTestId('filter-tag').selectOption('fomo-e2e');
    await expect(table.getByRole('button', { name: /fomo-e2e/ })).toHaveCount(1);
    await page.getByTestId('journal-tab-notes').click();
    await expect(page.getByTestId('note-rendered').first()).toContainText('breakout');
    // After the relaunch, positions and realized P&L are read back, not recomputed.
    await page.getByTestId('journal-tab-positions').click();
    await page.getByTestId('filter-tag').selectOption('');
    await expect(page.getByTestId('positions-summary')).toHaveText(/ from (\d+) of \1 symbols/);
    await expect(page.getByTestId('positions-table').getByRole('row')).toHaveCount(positionCount);
    await page.getByTestId('journal-tab-history').click();
    await expect(table.locator('.jr-cell.pnl-up, .jr-cell.pnl-down').first()).toBeVisible();
  } finally {
    await app.stop();
  }
});
