import { expect, test } from '@playwright/test';
import { demoSimulatorOptions } from '../simulator/demo';
import { startSimulator } from '../simulator/server';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';

// First run as a new user: no account, one click on the demo, a realistic history syncs and the
// journal fills in while it does.
let app: AppHandle;

test.beforeAll(async () => {
  app = await launchApp();
});

test.afterAll(async () => {
  await app.stop();
});

test('first run: the demo exchange syncs a realistic history', async ({ page }) => {
  page = await app.open(page);
  await expect(page.getByTestId('first-run')).toBeVisible();
  await page.getByTestId('try-demo').click();

  const card = page.getByTestId('account-card');
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading')).toHaveText('Demo exchange');
  // Wait on the app's own state, not a sleep: the card turns synced when the job succeeds.
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  // Exactly the demo's ground truth: same seed, same day anchor, so the same rows.
  const sim = await startSimulator(demoSimulatorOptions());
  const expected = sim.groundTruth().trades.length;
  await sim.close();
  expect(expected).toBeGreaterThan(100);
  await expect(card.getByTestId('trade-count')).toHaveText(expected.toLocaleString('en-US'));
  await expect(card.getByTestId('last-success')).not.toHaveText('never');

  // The activity page shows the run with its stats.
  await page.getByTestId('nav-activity').click();
  const run = page.getByTestId('sync-run').first();
  await expect(run).toHaveAttribute('data-status', 'SUCCEEDED');
});
