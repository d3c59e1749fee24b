import { expect, test } from '@playwright/test';
import { startSimulator } from '../simulator/server';
import type { Simulator, SimulatorKeyOptions } from '../simulator/server';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';
import {
  SMALL_HISTORY, accountIdOf, addAccountViaForm, dumpJournalDb, fillAccountForm, openApp, rowsOf, simKey, updateSettings,
} from './support/flows';

// The sync UX as a new user walks it: the real add-account form against a loopback Binance
// (the simulator) with known keys, every failure state reached through a simulator fault, and
// recovery through the buttons the card offers. Each test gets a fresh core and a fresh origin
// (new port = new IndexedDB), so no state leaks between them.
let app: AppHandle;
let sim: Simulator;
let key: SimulatorKeyOptions;

async function start(keys: SimulatorKeyOptions[], latencyMs = 0): Promise<void> {
  sim = await startSimulator({ history: SMALL_HISTORY, keys, latencyMs });
  app = await launchApp();
}

test.afterEach(async () => {
  await app.stop();
  await sim.close();
});

test('wrong input shows clear messages and stores nothing', async ({ page }) => {
  key = simKey('val');
  await start([key]);
  page = await openApp(page, app);
  await expect(page.getByTestId('first-run')).toBeVisible();

  // Everything empty: each required field says so, nothing is sent.
  let form = await fillAccountForm(page, {});
  await form.getByTestId('save-account').click();
  const labelField = form.locator('label.field').filter({ has: page.getByTestId('label') });
  const keyField = form.locator('label.field').filter({ has: page.getByTestId('api-key') });
  const secretField = form.locator('label.field').filter({ has: page.getByTestId('api-secret') });
  await expect(labelField.getByRole('alert')).toHaveText('is required');
  await expect(keyField.getByRole('alert')).toHaveText('is required');
  await expect(secretField.getByRole('alert')).toHaveText('is required');

  // Label missing only.
  form = await fillAccountForm(page, { apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await form.getByTestId('save-account').click();
  await expect(labelField.getByRole('alert')).toHaveText('is required');
  await expect(keyField.getByRole('alert')).toHaveCount(0);

  // Empty key (whitespace only counts as empty).
  form = await fillAccountForm(page, { label: 'Main', apiKey: '   ', secret: key.secret, baseUrl: sim.baseUrl });
  await form.getByTestId('save-account').click();
  await expect(keyField.getByRole('alert')).toHaveText('is required');
  await expect(labelField.getByRole('alert')).toHaveCount(0);

  // A bad API base URL.
  form = await fillAccountForm(page, { label: 'Main', apiKey: key.apiKey, secret: key.secret, baseUrl: 'not a url' });
  await form.getByTestId('save-account').click();
  const urlField = form.locator('label.field').filter({ has: page.getByTestId('base-url') });
  await expect(urlField.getByRole('alert')).toBeVisible();
  await expect(urlField.getByRole('alert')).not.toHaveText('');
  form = await fillAccountForm(page, { label: 'Main', apiKey: key.apiKey, secret: key.secret, baseUrl: 'ftp://127.0.0.1/' });
  await form.getByTestId('save-account').click();
  await expect(urlField.getByRole('alert')).toContainText('http');
  await expect(form).toBeVisible();

  // main validates again: the same wrong drafts sent straight to the API are typed errors.
  const replies = await page.evaluate(async (baseUrl) => {
    const api = window.tradelog;
    if (api === undefined) throw new Error('no api');
    const base = { exchange: 'binance' as const, marketTypes: ['spot' as const], apiKey: 'validKey12345678', secret: 'validSecret12345678', baseUrl };
    return [
      await api.accounts.add({ ...base, label: '' }),
      await api.accounts.add({ ...base, label: 'Main', apiKey: '' }),
      await api.accounts.add({ ...base, label: 'Main', baseUrl: 'not a url' }),
    ];
  }, sim.baseUrl);
  const paths = replies.map((r) => (r.ok ? null : [...new Set((r.error.issues ?? []).map((i) => i.path))].join(',')));
  for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(paths).toEqual(['label', 'apiKey', 'baseUrl']);

  // Nothing stored anywhere: no account row, no job, no request reached the exchange.
  const dump = await dumpJournalDb(page);
  expect(dump.accounts ?? []).toHaveLength(0);
  expect(dump.jobs ?? []).toHaveLength(0);
  expect(sim.requestLog.entries.length).toBe(0);
});

test('add an account with keys: live progress, pending/syncing -> synced, permissions', async ({ page }) => {
  key = simKey('ok');
  // Latency makes the sync last long enough for its progress to be watched.
  await start([key], 60);
  page = await openApp(page, app);
  const card = await addAccountViaForm(page, { label: 'Binance main', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl, symbolScope: 'all' });

  // While it runs: a non-final status, and the live progress line.
  await expect(card).toHaveAttribute('data-status', /^(pending|syncing)$/);
  await expect(card.getByTestId('sync-progress')).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'syncing');
  await expect(card.getByTestId('progress-text')).toContainText(/\d rows inserted so far/);
  await expect(card.getByTestId('account-status')).toHaveText('Syncing');

  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 50_000 });
  await expect(card.getByTestId('sync-progress')).toHaveCount(0);
  await expect(card.getByTestId('account-status')).toHaveText('Synced');
  const expected = sim.groundTruth().trades.length;
  expect(expected).toBeGreaterThan(100);
  await expect(card.getByTestId('trade-count')).toHaveText(expected.toLocaleString('en-US'));
  await expect(card.getByTestId('last-success')).not.toHaveText('never');

  // Test connection shows what the key may do; a read-only key earns no warning.
  await card.getByTestId('test-connection').click();
  const permissions = card.getByTestId('permissions');
  await expect(permissions).toContainText('Read ✓');
  await expect(permissions).toContainText('Trade ✗');
  await expect(permissions).toContainText('Withdraw ✗');
  await expect(card.getByTestId('risky-key-warning')).toHaveCount(0);
});

test('a key that can trade and withdraw shows the read-only warning', async ({ page }) => {
  key = simKey('risky', { canTrade: true, canWithdraw: true });
  await start([key]);
  page = await openApp(page, app);
  const card = await addAccountViaForm(page, { label: 'Risky key', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await card.getByTestId('test-connection').click();
  await expect(card.getByTestId('permissions')).toContainText('Trade ✓');
  await expect(card.getByTestId('permissions')).toContainText('Withdraw ✓');
  const warning = card.getByTestId('risky-key-warning');
  await expect(warning).toContainText('This key can trade and withdraw');
  await expect(warning).toContainText('read-only key');
});

test('a persistent exchange fault fails the job; "Try again" recovers once it clears', async ({ page }) => {
  key = simKey('fail');
  await start([key]);
  page = await openApp(page, app);
  // One attempt per page and per job, and no manual cooldown, so the failure is final at once.
  await updateSettings(page, {
    retry: { pageAttempts: 1, pageBaseMs: 10, pageCapMs: 100, jobAttempts: 1 },
    breaker: { failureThreshold: 100 },
    sync: { manualCooldownSeconds: 0 },
  });
  sim.faults.inject({ kind: 'http', status: 502 }, { match: { exchange: 'binance' }, times: Infinity });

  const card = await addAccountViaForm(page, { label: 'Flaky', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'failed', { timeout: 45_000 });
  await expect(card.getByTestId('account-status')).toHaveText('Failed');
  const error = card.getByTestId('job-error');
  await expect(error).toBeVisible();
  // A safe, human message: no HTML body of the 502, no stack.
  await expect(error).not.toContainText('<html');
  await expect(error).not.toHaveText('');
  const retry = card.getByTestId('sync-now');
  await expect(retry).toHaveText('Try again');
  await expect(retry).toBeEnabled();

  sim.faults.clear();
  await retry.click();
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  await expect(card.getByTestId('job-error')).toHaveCount(0);
  await expect(card.getByTestId('sync-now')).toHaveText('Sync now');
  await expect(card.getByTestId('trade-count')).not.toHaveText('0');
});

test('a key revoked mid-sync: needs new keys, Edit keys, a new valid key syncs again', async ({ page }) => {
  key = simKey('revoke');
  await start([key], 60);
  page = await openApp(page, app);
  await updateSettings(page, { sync: { manualCooldownSeconds: 0 } });
  const card = await addAccountViaForm(page, { label: 'Revoked', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl, symbolScope: 'all' });
  await expect(card).toHaveAttribute('data-status', 'syncing');
  await expect(card.getByTestId('progress-text')).toBeVisible();
  sim.revokeKey(key.apiKey);

  await expect(card).toHaveAttribute('data-status', 'needs_credentials', { timeout: 30_000 });
  await expect(card.getByTestId('account-status')).toHaveText('Needs new keys');
  await expect(card.getByText('The exchange refused this account\'s key')).toBeVisible();
  // The key form is one click away (it opens by itself when the card mounts in this state).
  const keysForm = card.getByTestId('keys-form');
  if (!(await keysForm.isVisible())) await card.getByTestId('edit-keys').click();
  await expect(keysForm).toBeVisible();

  // A wrong key is tested first and refused; the account keeps needing keys.
  await keysForm.getByTestId('new-api-key').fill('notAKnownKey123456789');
  await keysForm.getByTestId('new-api-secret').fill('notAKnownSecret123456789');
  await keysForm.getByTestId('save-keys').click();
  await expect(keysForm.getByRole('alert')).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'needs_credentials');

  // A new valid key (the exchange now knows it) brings the account back.
  const fresh = simKey('fresh');
  sim.state.addKey({ apiKey: fresh.apiKey, secret: fresh.secret, canTrade: false, canWithdraw: false, ipRestricted: false });
  await keysForm.getByTestId('new-api-key').fill(fresh.apiKey);
  await keysForm.getByTestId('new-api-secret').fill(fresh.secret);
  await keysForm.getByTestId('save-keys').click();
  await expect(keysForm).toHaveCount(0);
  await expect(card).not.toHaveAttribute('data-status', 'needs_credentials');
  // Back to active: syncing is possible again, and it reaches synced with the whole history.
  const syncNow = card.getByTestId('sync-now');
  await expect(syncNow).toBeEnabled({ timeout: 30_000 });
  if ((await card.getAttribute('data-status')) !== 'synced') await syncNow.click();
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 50_000 });
  await expect(card.getByTestId('trade-count')).toHaveText(sim.groundTruth().trades.length.toLocaleString('en-US'));
});

test('removing an account (after confirming) removes its trades', async ({ page }) => {
  key = simKey('rm');
  await start([key]);
  page = await openApp(page, app);
  const card = await addAccountViaForm(page, { label: 'To remove', apiKey: key.apiKey, secret: key.secret, baseUrl: sim.baseUrl });
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  const accountId = await accountIdOf(card);
  const before = await dumpJournalDb(page);
  expect(rowsOf(before, 'trades', accountId).length).toBeGreaterThan(0);

  // The first click only asks; "Keep" keeps everything.
  await card.getByTestId('remove-account').click();
  await card.getByRole('button', { name: 'Keep' }).click();
  await expect(card).toBeVisible();
  await card.getByTestId('remove-account').click();
  await card.getByTestId('confirm-remove').click();
  await expect(page.getByTestId('account-card')).toHaveCount(0);
  await expect(page.getByTestId('first-run')).toBeVisible();

  const after = await dumpJournalDb(page);
  for (const store of ['accounts', 'trades', 'movements', 'income', 'balances', 'positions', 'checkpoints', 'jobs', 'rawSnapshots']) {
    const rows = store === 'accounts' ? (after.accounts ?? []) : rowsOf(after, store, accountId);
    expect(rows.length, `${store} rows left for the removed account`).toBe(0);
  }
});
