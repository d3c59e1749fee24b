import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../simulator/server';
import { launchApp } from './support/launch';
import { appMode } from './support/mode';
import { accountIdOf, addAccountViaForm, fillAccountForm, openApp, simKey, updateSettings } from './support/flows';

// Screenshots of each screen for the docs. Writes docs/screenshots/*.png only when
// TRADELOG_SCREENSHOTS=1, so ordinary runs never dirty the tree:
//   TRADELOG_SCREENSHOTS=1 node scripts/with-keyring.mjs npx playwright test e2e/screenshots.spec.ts
const enabled = process.env.TRADELOG_SCREENSHOTS === '1';
const dir = join('docs', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  // Let the progress bar's CSS transition and any live query settle on the state already asserted.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page.screenshot({ path: join(dir, name), animations: 'disabled', caret: 'hide' });
}

test('screenshots of every screen', async ({ page }) => {
  test.skip(!enabled, 'set TRADELOG_SCREENSHOTS=1 to write docs/screenshots/');
  test.skip(appMode() === 'electron', 'the docs screenshots come from browser mode; one run must not overwrite the other');
  test.setTimeout(240_000);
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 820 });

  const main = simKey('main');
  const sub = simKey('sub');
  const old = simKey('old');
  const sim = await startSimulator({
    history: { seed: 21, listedSpot: 4, listedLinear: 3, tradedSpot: 3, tradedLinear: 2, trades: 900, deposits: 4, withdrawals: 2 },
    keys: [main, sub, old],
    latencyMs: 40,
  });
  const app = await launchApp();
  try {
    page = await openApp(page, app);
    await expect(page.getByTestId('first-run')).toBeVisible();
    await shot(page, 'first-run.png');

    await updateSettings(page, {
      retry: { pageAttempts: 1, pageBaseMs: 10, pageCapMs: 100, jobAttempts: 1 },
      breaker: { failureThreshold: 100 },
      sync: { manualCooldownSeconds: 0 },
    });
    const form = await fillAccountForm(page, { label: 'Binance main', apiKey: main.apiKey, secret: main.secret, baseUrl: sim.baseUrl, symbolScope: 'all' });
    await shot(page, 'add-account.png');

    await form.getByTestId('save-account').click();
    const mainCard = page.getByTestId('account-card').filter({ hasText: 'Binance main' });
    await expect(mainCard).toHaveAttribute('data-status', 'syncing', { timeout: 30_000 });
    await expect(mainCard.getByTestId('progress-text')).toContainText(/batch \d+\/\d+/, { timeout: 30_000 });
    await shot(page, 'syncing.png');
    await expect(mainCard).toHaveAttribute('data-status', 'synced', { timeout: 120_000 });

    // A failed job: the exchange answers 502 to everything while this account syncs.
    sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance' }, times: Infinity });
    const subCard = await addAccountViaForm(page, { label: 'Binance sub-account', apiKey: sub.apiKey, secret: sub.secret, baseUrl: sim.baseUrl, symbolScope: 'held' });
    await expect(subCard).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
    await expect(subCard.getByTestId('job-error')).toBeVisible();
    await shot(page, 'failed.png');
    sim.faults.clear();
    await subCard.getByTestId('sync-now').click();
    await expect(subCard).toHaveAttribute('data-status', 'synced', { timeout: 120_000 });

    // A revoked key: the account needs new keys.
    const oldCard = await addAccountViaForm(page, { label: 'Old API key', apiKey: old.apiKey, secret: old.secret, baseUrl: sim.baseUrl, symbolScope: 'held' });
    await expect(oldCard).toHaveAttribute('data-status', 'synced', { timeout: 120_000 });
    sim.revokeKey(old.apiKey);
    await oldCard.getByTestId('sync-now').click();
    await expect(oldCard).toHaveAttribute('data-status', 'needs_credentials', { timeout: 60_000 });
    if (!(await oldCard.getByTestId('keys-form').isVisible())) await oldCard.getByTestId('edit-keys').click();
    await expect(oldCard.getByTestId('keys-form')).toBeVisible();
    await oldCard.scrollIntoViewIfNeeded();
    await shot(page, 'needs-credentials.png');

    // Remove it, so the main screenshots show a healthy journal.
    const oldId = await accountIdOf(oldCard);
    await page.locator(`[data-account-id="${oldId}"]`).getByRole('button', { name: 'Cancel' }).click();
    await page.locator(`[data-account-id="${oldId}"]`).getByTestId('remove-account').click();
    await page.locator(`[data-account-id="${oldId}"]`).getByTestId('confirm-remove').click();
    await expect(page.getByTestId('account-card')).toHaveCount(2);
    // Its notice outlives it; dismiss notices so the main screenshots show a healthy journal.
    const notices = page.getByTestId('notice');
    while ((await notices.count()) > 0) await notices.first().getByRole('button', { name: 'Dismiss' }).click();
    await mainCard.getByTestId('test-connection').click();
    await expect(mainCard.getByTestId('permissions')).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'accounts.png');

    await page.getByTestId('nav-activity').click();
    await expect(page.getByTestId('sync-run').first()).toBeVisible();
    await expect(page.getByTestId('engine-panel')).toBeVisible();
    await shot(page, 'activity.png');

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings')).toBeVisible();
    await shot(page, 'settings.png');

    await page.getByTestId('nav-journal').click();
    await expect(page.locator('main.content')).not.toBeEmpty();
    await expect(page.getByText('Loading', { exact: false })).toHaveCount(0, { timeout: 30_000 });
    await shot(page, 'journal.png');
    // README's main screenshot: the journal filled by a sync.
    await shot(page, 'app.png');
  } finally {
    await app.stop();
    await sim.close();
  }
});
