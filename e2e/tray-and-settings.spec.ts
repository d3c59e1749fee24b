import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startSimulator } from '../simulator/server';
import type { Simulator, SimulatorKeyOptions } from '../simulator/server';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';
import { SMALL_HISTORY, openApp, simKey, updateSettings } from './support/flows';

// Browser mode has no tray: its menu items are the same engine calls made through
// window.tradelog (Sync all now = sync.requestAll, Pause/Resume background sync =
// sync.setBackgroundPaused). The Activity page must reflect each, and settings must persist.
// The Electron project runs the same calls; its real tray menu is not clicked here.
let app: AppHandle;
let sim: Simulator;

test.afterEach(async () => {
  await app.stop();
  await sim.close();
});

async function addByApi(page: Page, label: string, k: SimulatorKeyOptions): Promise<string> {
  const reply = await page.evaluate(async ({ label, apiKey, secret, baseUrl }) =>
    window.tradelog?.accounts.add({ exchange: 'binance', label, marketTypes: ['spot', 'linear'], apiKey, secret, baseUrl, symbolScope: 'all' }),
  { label, apiKey: k.apiKey, secret: k.secret, baseUrl: sim.baseUrl });
  if (reply === undefined || !reply.ok) throw new Error(`accounts.add failed: ${JSON.stringify(reply)}`);
  return reply.value.id;
}

test('tray "Sync all now" (sync.requestAll) syncs every active account', async ({ page }) => {
  const a = simKey('trayA');
  const b = simKey('trayB');
  sim = await startSimulator({ history: SMALL_HISTORY, keys: [a, b] });
  app = await launchApp();
  page = await openApp(page, app);
  await updateSettings(page, { sync: { manualCooldownSeconds: 0 } });
  // Background paused, so only the tray action starts syncs (new accounts are due at once otherwise).
  expect(await page.evaluate(() => window.tradelog?.sync.setBackgroundPaused({ paused: true }))).toMatchObject({ ok: true });
  const ids = [await addByApi(page, 'Tray A', a), await addByApi(page, 'Tray B', b)];
  const cards = page.getByTestId('account-card');
  await expect(cards).toHaveCount(2);
  // Added through the API: no sync yet.
  for (const card of await cards.all()) await expect(card).toHaveAttribute('data-status', 'never');
  expect(sim.requestLog.entries.filter((e) => e.path.includes('myTrades'))).toHaveLength(0);

  const reply = await page.evaluate(() => window.tradelog?.sync.requestAll({}));
  expect(reply).toMatchObject({ ok: true });
  if (reply?.ok === true) expect(reply.value.jobs).toHaveLength(2);

  const expected = sim.groundTruth().trades.length.toLocaleString('en-US');
  for (const id of ids) {
    const card = page.locator(`[data-testid="account-card"][data-account-id="${id}"]`);
    await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 50_000 });
    await expect(card.getByTestId('trade-count')).toHaveText(expected);
  }
  await page.getByTestId('nav-activity').click();
  await expect(page.getByTestId('sync-run').filter({ hasText: 'Tray A' }).first()).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(page.getByTestId('sync-run').filter({ hasText: 'Tray B' }).first()).toHaveAttribute('data-status', 'SUCCEEDED');
});

test('tray "Pause/Resume background sync" shows on the Activity page', async ({ page }) => {
  sim = await startSimulator({ history: SMALL_HISTORY });
  app = await launchApp();
  page = await openApp(page, app);
  await page.getByTestId('nav-activity').click();
  const toggle = page.getByTestId('toggle-background');
  await expect(toggle).toHaveText('Pause background sync');

  const paused = await page.evaluate(() => window.tradelog?.sync.setBackgroundPaused({ paused: true }));
  expect(paused).toMatchObject({ ok: true, value: { backgroundPaused: true } });
  // Pushed by the engine's status event, not by this page's own reply handling.
  await expect(toggle).toHaveText('Resume background sync');

  const resumed = await page.evaluate(() => window.tradelog?.sync.setBackgroundPaused({ paused: false }));
  expect(resumed).toMatchObject({ ok: true, value: { backgroundPaused: false } });
  await expect(toggle).toHaveText('Pause background sync');

  // And the page's own button goes through the same call.
  await toggle.click();
  await expect(toggle).toHaveText('Resume background sync');
  expect(await page.evaluate(() => window.tradelog?.sync.status({}))).toMatchObject({ ok: true, value: { backgroundPaused: true } });
  await toggle.click();
  await expect(toggle).toHaveText('Pause background sync');
});

test('an open circuit breaker shows on the Activity page and a reset closes it', async ({ page }) => {
  const k = simKey('breaker');
  sim = await startSimulator({ history: SMALL_HISTORY, keys: [k] });
  app = await launchApp();
  page = await openApp(page, app);
  await updateSettings(page, {
    retry: { pageAttempts: 1, pageBaseMs: 10, pageCapMs: 100, jobAttempts: 1 },
    breaker: { failureThreshold: 1 },
    sync: { manualCooldownSeconds: 0 },
  });
  sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance' }, times: Infinity });
  const id = await addByApi(page, 'Breaker', k);
  expect(await page.evaluate((accountId) => window.tradelog?.sync.request({ accountId }), id)).toMatchObject({ ok: true });

  await expect(page.getByTestId('account-card')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  // The job ends on whichever failure reached it first: the 502 that opened the breaker, or a
  // request the open breaker refused (which one depends on timing under load).
  await expect(page.getByTestId('job-error')).toContainText(/paused after repeated failures|did not answer properly/);
  await page.getByTestId('nav-activity').click();
  const open = page.locator('[data-testid="breaker"]:not([data-phase="closed"])').first();
  await expect(open).toBeVisible({ timeout: 30_000 });
  const group = (await open.locator('span').first().textContent()) ?? '';
  expect(group).not.toBe('');

  // Reset through the API (as another window or the tray would): the page must show it.
  sim.faults.clear();
  const reply = await page.evaluate((g) => window.tradelog?.sync.resetBreaker({ group: g }), group);
  expect(reply).toMatchObject({ ok: true });
  if (reply?.ok === true) expect(reply.value.breakers.filter((b) => b.group === group && b.phase !== 'closed')).toHaveLength(0);
  const row = page.getByTestId('breaker').filter({ hasText: group });
  await expect(row).toHaveAttribute('data-phase', 'closed');

  // Every other open group through the page's own Reset button.
  const resetButtons = page.getByTestId('reset-breaker');
  while ((await resetButtons.count()) > 0) {
    const before = await resetButtons.count();
    await resetButtons.first().click();
    await expect(resetButtons).toHaveCount(before - 1);
  }
  await expect(page.locator('[data-testid="breaker"]:not([data-phase="closed"])')).toHaveCount(0);
});

test('settings persist across a reload and a restart; out-of-range values are typed errors', async ({ page }) => {
  sim = await startSimulator({ history: SMALL_HISTORY });
  app = await launchApp();
  page = await openApp(page, app);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();

  const overlap = page.getByTestId('setting-sync-overlapMinutes');
  const jobBase = page.getByTestId('setting-retry-jobBaseMs');
  const closeToTray = page.getByTestId('ui-closeToTray');
  await expect(overlap).toHaveValue('15');
  await overlap.fill('42');
  await overlap.blur();
  await jobBase.fill('45');
  await jobBase.blur();
  await expect(closeToTray).toBeChecked();
  // A controlled checkbox: it turns once main has saved the change.
  await closeToTray.click();
  await expect(closeToTray).not.toBeChecked();
  await expect.poll(async () => page.evaluate(async () => {
    const r = await window.tradelog?.settings.get({});
    return r?.ok === true ? [r.value.sync.overlapMinutes, r.value.retry.jobBaseMs, r.value.ui.closeToTray] : null;
  })).toEqual([42, 45_000, false]);

  // Out of range: a typed, visible error; nothing is saved.
  const pageSize = page.getByTestId('setting-sync-pageSize');
  await pageSize.fill('5000');
  await pageSize.blur();
  const error = page.getByTestId('settings-error');
  await expect(error).toBeVisible();
  await expect(error).not.toHaveText('');
  const typed = await page.evaluate(() => window.tradelog?.settings.update({ sync: { pageSize: 5 } }));
  expect(typed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  if (typed?.ok === false) expect(typed.error.issues?.map((i) => i.path)).toContain('sync.pageSize');
  expect(await page.evaluate(() => window.tradelog?.settings.get({}))).toMatchObject({ ok: true, value: { sync: { pageSize: 1000 } } });

  // Reload: the page reads them back.
  await page.reload();
  await expect(page.getByTestId('bridge-status')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('setting-sync-overlapMinutes')).toHaveValue('42');
  await expect(page.getByTestId('setting-retry-jobBaseMs')).toHaveValue('45');
  await expect(page.getByTestId('ui-closeToTray')).not.toBeChecked();
  await expect(page.getByTestId('setting-sync-pageSize')).toHaveValue('1000');

  // Restart the core on the same journal (browser: same port = same origin and IndexedDB): still there.
  await app.stop();
  app = await app.launchAgain();
  // The new token only changes the fragment: leave the page first so the app boots again.
  page = await openApp(page, app, { fresh: true });
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('setting-sync-overlapMinutes')).toHaveValue('42');
  await expect(page.getByTestId('ui-closeToTray')).not.toBeChecked();
});
