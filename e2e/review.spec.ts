import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Trade } from '../shared/domain/types';
import { tradesToCsv } from '../shared/journal/csv/export';
import { launchApp } from './support/launch';
import { syncDemo } from './support/flows';

// The review in real Chromium against the demo exchange (the simulator serves klines consistent
// with its fills): a position's chart with its fills, MAE/MFE filled in from the candles, keyboard
// stepping, a stop giving R, setup stats; and the timezone setting moving a late-evening close (and
// its fills in the fills-per-day chart) to the next calendar day.

async function setZone(page: Page, zone: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('setting-journal-timeZone').selectOption(zone);
  await expect(page.getByTestId('setting-journal-timeZone')).toHaveValue(zone);
  await page.getByTestId('nav-journal').click();
}

test('a position on its chart: fills marked, MAE/MFE from the candles, stepping, stop -> R, setup stats', async ({ page }) => {
  test.setTimeout(120_000);
  const app = await launchApp();
  try {
    page = await app.open(page);
    await syncDemo(page);
    await page.getByTestId('nav-journal').click();
    await page.getByTestId('journal-tab-positions').click();
    await page.getByTestId('filter-symbol').selectOption('BTC/USDT');
    await page.getByRole('combobox', { name: 'Position status' }).selectOption('closed');
    await expect(page.getByTestId('positions-table')).toBeVisible();
    // MAE/MFE for every position shown, from the simulator's klines.
    await page.getByTestId('fill-excursions').click();
    await expect(page.getByTestId('fill-excursions-status')).toHaveText(/^([1-9]\d*) of \1 computed$/, { timeout: 30_000 });

    await page.getByTestId('open-chart').first().click();
    const review = page.getByTestId('position-review');
    await expect(review).toBeVisible();
    const chart = page.getByTestId('position-chart');
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('review-source')).toContainText('complete', { timeout: 20_000 });
    expect(Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(20);
    expect(Number(await chart.getAttribute('data-fill-markers'))).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('review-mae')).not.toHaveText('—');
    await expect(page.getByTestId('review-mfe')).not.toHaveText('—');
    const firstId = await review.getAttribute('data-position-id');

    // A stop below the entry of a long / above a short gives an R.
    const entry = Number((await page.getByTestId('review-source').textContent())?.match(/([\d.,]+) avg entry/)?.[1]?.replace(/,/g, ''));
    const direction = (await review.locator('h3').textContent()) ?? '';
    await page.getByTestId('review-stop').fill(String(direction.includes('long') ? entry * 0.99 : entry * 1.01));
    await page.getByTestId('review-stop').press('Enter');
    await expect(page.getByTestId('review-r')).toHaveText(/^-?\d+\.\d\dR$/);

    // Tag its setup through the journal editor (labels are setup:/mistake: tags).
    await page.getByTestId('positions-table').getByRole('button', { name: 'journal', exact: true }).first().click();
    const setupInput = page.getByTestId('entry-setups');
    await setupInput.fill('breakout');
    await expect(setupInput).toHaveValue('breakout');
    await page.getByTestId('entry-save').click();
    // Saved: the form shows the stored entry, setup and stop both kept.
    await expect(page.getByTestId('entry-setups')).toHaveValue('breakout');
    await expect(page.getByTestId('review-r')).toHaveText(/^-?\d+\.\d\dR$/);

    // The keyboard steps to the next position, whose chart opens too.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(review).not.toHaveAttribute('data-position-id', firstId ?? '');
    await expect(page.getByTestId('review-source')).toContainText('complete', { timeout: 20_000 });
    const openMs = Number(await review.getAttribute('data-open-ms'));
    test.info().annotations.push({ type: 'chart open from cache (ms)', description: String(openMs) });

    // The dashboard: expectancy in R over the one position with a stop, and the setup's row.
    await page.getByTestId('journal-tab-dashboard').click();
    await expect(page.getByTestId('r-count')).toHaveText('1');
    await expect(page.getByTestId('by-setup').locator('tr[data-label="breakout"] td').nth(1)).toHaveText('1');
    // The setup's playbook (its rules) is a journal entry of its own.
    await page.getByTestId('by-setup').getByRole('button', { name: 'breakout', exact: true }).click();
    await expect(page.getByText('Playbook (setup rules) journal')).toBeVisible();
  } finally {
    await app.stop();
  }
});

test('switching the timezone moves a late-evening close to the next day in the calendar', async ({ page }) => {
  test.setTimeout(120_000);
  const app = await launchApp();
  try {
    page = await app.open(page);
    await syncDemo(page);
    await setZone(page, 'UTC');
    // A 2020 round trip closed Wednesday 2020-01-01 at 20:30 UTC = Thursday 04:30 in Shanghai.
    await page.getByTestId('journal-tab-csv').click();
    const fill = (tradeId: string, at: number, side: 'buy' | 'sell', price: number): Trade => ({
      key: '', accountId: '', exchange: 'demo', marketType: 'spot', symbol: 'BTC/USDT', tradeId, orderId: null, timestamp: at,
      side, price, amount: 1, cost: price, feeCost: 0, feeCurrency: 'USDT', takerOrMaker: null, exchangeRealizedPnl: null,
    });
    const csv = tradesToCsv([fill('late-1', Date.UTC(2020, 0, 1, 18), 'buy', 7000), fill('late-2', Date.UTC(2020, 0, 1, 20, 30), 'sell', 7100)]);
    await page.getByTestId('import-file').setInputFiles({ name: 'late.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-write').click();
    await expect(page.getByTestId('import-result')).toContainText('Stored 2 new trades');

    await page.getByTestId('journal-tab-dashboard').click();
    await page.getByTestId('filter-from').fill('2019-12-30');
    await page.getByTestId('filter-to').fill('2020-01-05');
    // One account chosen: the fills-per-day chart is shown (it counts fills, not closes).
    await page.getByTestId('filter-account').selectOption({ index: 1 });
    const calendar = page.getByTestId('pnl-calendar');
    await expect(calendar.locator('rect[data-day="2020-01-01"]')).toHaveAttribute('data-trades', '1', { timeout: 30_000 });
    await expect(calendar.locator('rect[data-day="2020-01-02"]')).toHaveAttribute('data-trades', '0');
    await expect(page.getByTestId('by-weekday').locator('tr', { hasText: 'Wednesday' }).locator('td').nth(1)).toHaveText('1');
    // Both fills (18:00 and 20:30 UTC) are on 2020-01-01 in UTC.
    const fillsPerDay = page.getByTestId('fills-per-day');
    await expect(fillsPerDay.locator('title').filter({ hasText: '2020-01-01: 2 fills' })).toHaveCount(1);
    await expect(fillsPerDay.locator('title').filter({ hasText: '2020-01-02: 0 fills' })).toHaveCount(1);
    await expect(page.getByTestId('tile-fills')).toHaveText('2');

    await setZone(page, 'Asia/Shanghai');
    await page.getByTestId('journal-tab-dashboard').click();
    await expect(calendar.locator('rect[data-day="2020-01-02"]')).toHaveAttribute('data-trades', '1');
    await expect(calendar.locator('rect[data-day="2020-01-01"]')).toHaveAttribute('data-trades', '0');
    await expect(page.getByTestId('by-weekday').locator('tr', { hasText: 'Thursday' }).locator('td').nth(1)).toHaveText('1');
    await expect(page.getByTestId('by-hour').locator('tr', { hasText: '04:00' }).locator('td').nth(1)).toHaveText('1');
    await expect(page.getByTestId('pnl-calendar').locator('..')).toContainText('Asia/Shanghai');
    // The fills moved with the zone too: 02:00 and 04:30 on 2020-01-02 in Shanghai.
    await expect(fillsPerDay.locator('title').filter({ hasText: '2020-01-02: 2 fills' })).toHaveCount(1);
    await expect(fillsPerDay.locator('title').filter({ hasText: '2020-01-01: 0 fills' })).toHaveCount(1);
    await expect(page.getByTestId('daily-activity')).toContainText('Asia/Shanghai');

    // A daily note for the trader's day.
    await calendar.locator('rect[data-day="2020-01-02"]').click();
    await expect(page.getByText('Daily note journal')).toBeVisible();
  } finally {
    await app.stop();
  }
});
