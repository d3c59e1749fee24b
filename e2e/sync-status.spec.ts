import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { startSimulator } from '../simulator/server';
import type { Simulator, SimulatorKeyOptions, SimulatorOptions } from '../simulator/server';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';
import { SMALL_HISTORY, accountIdOf, addAccountViaForm, dumpJournalDb, openApp, rowsOf, simKey, updateSettings } from './support/flows';

// "Synced" means complete, "Try again" retries what failed, fixed keys resume by themselves, and
// every wait says why and for how long: walked through the card against a loopback Binance (the
// simulator) with faults injected. Each test gets a fresh core and a fresh origin.
let app: AppHandle;
let sim: Simulator;

// Within the 90 days Binance serves futures income for, so every kind's ground truth is reachable.
const DAY = 86_400_000;
const HISTORY: SimulatorOptions['history'] = { ...SMALL_HISTORY, start: Date.now() - 80 * DAY, end: Date.now() - 60_000 };

async function start(keys: SimulatorKeyOptions[], options: Partial<SimulatorOptions> = {}): Promise<void> {
  sim = await startSimulator({ history: HISTORY, keys, ...options });
  app = await launchApp();
}

test.afterEach(async () => {
  await app.stop();
  await sim.close();
});

/** Every stored row of the account equals the simulator's ground truth, kind by kind (counts). */
async function expectGroundTruth(page: Page, card: Locator): Promise<void> {
  const accountId = await accountIdOf(card);
  const dump = await dumpJournalDb(page);
  const truth = sim.groundTruth();
  expect(rowsOf(dump, 'trades', accountId).length, 'trades').toBe(truth.trades.length);
  expect(rowsOf(dump, 'income', accountId).length, 'income').toBe(truth.income.length);
  expect(rowsOf(dump, 'movements', accountId).length, 'deposits and withdrawals').toBe(truth.movements.length);
  expect(rowsOf(dump, 'balances', accountId).length, 'balance snapshots').toBeGreaterThan(0);
}

const FAIL_FAST = {
  retry: { pageAttempts: 1, pageBaseMs: 10, pageCapMs: 100, jobAttempts: 1 },
  breaker: { failureThreshold: 100 },
  sync: { manualCooldownSeconds: 0 },
};

test('a first sync that fails, then "Try again", ends at exactly the ground truth and only then says Synced', async ({ page }) => {
  const key = simKey('again');
  await start([key]);
  page = await openApp(page, app);
  await updateSettings(page, FAIL_FAST);
  // Funding and income fail: balances and deposits were imported before, trades never ran.
  sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance', path: '/fapi/v1/income' }, times: Infinity });
  const card = await addAccountViaForm(page, { label: 'First sync', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'failed', { timeout: 45_000 });
  // The mode menu still says "Trades"; "Try again" must not narrow the failed full sync to it.
  await expect(card.getByTestId('sync-mode')).toHaveValue('trades');
  const retry = card.getByTestId('sync-now');
  await expect(retry).toHaveText('Try again');

  sim.faults.clear();
  await retry.click();
  await expect(card).toHaveAttribute('data-status', /^(pending|syncing|synced)$/);
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  await expect(card.getByTestId('partial-summary')).toHaveCount(0);
  await expectGroundTruth(page, card);
  const jobs = rowsOf(await dumpJournalDb(page), 'jobs', await accountIdOf(card)) as { mode: string; status: string }[];
  expect(jobs.map((j) => `${j.mode}:${j.status}`).sort()).toEqual(['full:FAILED', 'full:SUCCEEDED']);
});

test('a narrower sync after a failed first one says "Partly synced" with what is missing, and one click completes it', async ({ page }) => {
  const key = simKey('partial');
  await start([key]);
  page = await openApp(page, app);
  await updateSettings(page, FAIL_FAST);
  sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance', path: '/fapi/v1/income' }, times: Infinity });
  const card = await addAccountViaForm(page, { label: 'Partial', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'failed', { timeout: 45_000 });

  // A trades-only sync succeeds (what "Try again" used to run): the account is still not whole.
  const accountId = await accountIdOf(card);
  const reply = await page.evaluate((id) => window.tradelog?.sync.request({ accountId: id, mode: 'trades' }), accountId);
  expect(reply).toMatchObject({ ok: true });
  await expect(card).toHaveAttribute('data-status', 'partial', { timeout: 45_000 });
  await expect(card.getByTestId('account-status')).toHaveText('Partly synced');
  await expect(card.getByTestId('partial-summary')).toContainText('Partly synced: funding and income not yet imported');
  await expect(card.getByTestId('trade-count')).toHaveText(sim.groundTruth().trades.length.toLocaleString('en-US'));

  sim.faults.clear();
  await card.getByTestId('complete-sync').click();
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  await expect(card.getByTestId('account-status')).toHaveText('Synced');
  await expectGroundTruth(page, card);
});

test('replaced keys resume the owed sync without a click, even when the permissions endpoint answers an error', async ({ page }) => {
  const key = simKey('revoked');
  await start([key], { latencyMs: 40 });
  page = await openApp(page, app);
  await updateSettings(page, { sync: { manualCooldownSeconds: 0 } });
  const card = await addAccountViaForm(page, { label: 'Rotated', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'syncing');
  sim.revokeKey(key.apiKey);
  await expect(card).toHaveAttribute('data-status', 'needs_credentials', { timeout: 30_000 });

  // The exchange's permissions endpoint is unavailable for this account from now on.
  sim.faults.inject({ kind: 'http', status: 503 }, { match: { exchange: 'binance', path: 'apiRestrictions' }, times: Infinity });
  const fresh = simKey('fresh');
  sim.state.addKey({ apiKey: fresh.apiKey, secret: fresh.secret, canTrade: false, canWithdraw: false, ipRestricted: false });
  const keysForm = card.getByTestId('keys-form');
  if (!(await keysForm.isVisible())) await card.getByTestId('edit-keys').click();
  await keysForm.getByTestId('new-api-key').fill(fresh.apiKey);
  await keysForm.getByTestId('new-api-secret').fill(fresh.secret);
  await keysForm.getByTestId('save-keys').click();
  await expect(keysForm).toHaveCount(0);
  // Saved with a warning instead of blocked; the old "key was rejected" state is gone.
  await expect(page.getByTestId('notice').filter({ hasText: 'did not say what this key may do' })).toBeVisible();
  await expect(card.getByText('The exchange refused this account\'s key')).toHaveCount(0);
  await expect(card.getByTestId('job-error')).toHaveCount(0);

  // No click: the sync it owed starts by itself and completes the whole history.
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 50_000 });
  await expectGroundTruth(page, card);

  await card.getByTestId('test-connection').click();
  await expect(card.getByTestId('permissions')).toContainText('Read ✓');
  await expect(card.getByTestId('permissions')).toContainText('Trade unknown');
  await expect(card.getByTestId('permissions-unknown')).toContainText('make sure it is read-only');
});

test('a wait for the next rate-limit window says so and counts down', async ({ page }) => {
  const key = simKey('ratelimit');
  await start([key]);
  page = await openApp(page, app);
  // A tenth of Binance's minute budgets, ten rows a page: the budget runs out within the first minute.
  await updateSettings(page, { limiter: { budgetFraction: 0.1 }, sync: { pageSize: 10 } });
  const card = await addAccountViaForm(page, { label: 'Throttled', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  const wait = card.getByTestId('progress-wait');
  await expect(wait).toContainText(/^Waiting for the exchange's rate limit, next window in \d+ s$/, { timeout: 70_000 });
  const waitText = (await wait.textContent()) ?? '';
  if (Number(/in (\d+) s/.exec(waitText)?.[1]) > 3) await expect(wait).not.toHaveText(waitText, { timeout: 5_000 });
});

test('a Retry-After from the exchange shows its countdown, and the ETA includes the wait', async ({ page }) => {
  const key = simKey('retryafter');
  await start([key]);
  page = await openApp(page, app);
  // One request at a time and small pages, so ten spot pages have committed (and the trades ETA,
  // which waits for a few pages, exists) when the next request is told to wait.
  await updateSettings(page, { sync: { maxInFlightRequests: 1, symbolsPerBatch: 1, pageSize: 10 } });
  sim.faults.inject({ kind: 'rateLimit', retryAfterMs: 40_000 }, { match: { exchange: 'binance', path: '/api/v3/myTrades' }, after: 10 });
  const card = await addAccountViaForm(page, { label: 'Told to wait', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  const wait = card.getByTestId('progress-wait');
  await expect(wait).toContainText(/^The exchange asked to wait, resuming in \d+ s$/, { timeout: 30_000 });
  const waitSeconds = Number(/in (\d+) s/.exec((await wait.textContent()) ?? '')?.[1]);
  expect(waitSeconds).toBeGreaterThan(30);
  const progress = (await card.getByTestId('progress-text').textContent()) ?? '';
  const eta = /about (?:(\d+)m )?(\d+)s left/.exec(progress);
  expect(eta, progress).not.toBeNull();
  expect(Number(eta?.[1] ?? 0) * 60 + Number(eta?.[2])).toBeGreaterThanOrEqual(waitSeconds - 2);
});

test('a breaker pause shows the next probe; "Retry now" runs the pending retry at once', async ({ page }) => {
  const key = simKey('breaker');
  await start([key]);
  page = await openApp(page, app);
  await updateSettings(page, {
    retry: { pageAttempts: 1, pageBaseMs: 10, pageCapMs: 100, jobAttempts: 5, jobBaseMs: 1000, jobCapMs: 2000 },
    breaker: { failureThreshold: 1, openMs: 600_000, probeBaseMs: 600_000 },
  });
  sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance' }, times: Infinity });
  const card = await addAccountViaForm(page, { label: 'Breaker', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  const reason = card.getByTestId('wait-reason');
  await expect(reason).toContainText(/Paused after repeated failures from the exchange\. Next probe in \d+ s/, { timeout: 30_000 });
  const seconds = Number(/in (\d+) s/.exec((await reason.textContent()) ?? '')?.[1]);
  expect(seconds).toBeGreaterThan(500);

  sim.faults.clear();
  await card.getByTestId('retry-now').click();
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  await expectGroundTruth(page, card);
});

test('maintenance is named from the exchange system status, and "Retry now" resumes when it ends', async ({ page }) => {
  const key = simKey('maint');
  await start([key]);
  page = await openApp(page, app);
  await updateSettings(page, { retry: { pageAttempts: 1, pageBaseMs: 10, pageCapMs: 100, jobAttempts: 5, jobBaseMs: 120_000, jobCapMs: 600_000 } });
  sim.setMaintenance({ endsAt: null });
  const card = await addAccountViaForm(page, { label: 'Maintenance', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  const reason = card.getByTestId('wait-reason');
  await expect(reason).toContainText(/^Binance is under maintenance \(its system status says so\)\. Next try in \d+ s\.$/, { timeout: 30_000 });
  await expect(card.getByTestId('account-status')).not.toHaveText('Synced');

  sim.setMaintenance(null);
  await card.getByTestId('retry-now').click();
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  await expectGroundTruth(page, card);
});
