import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { SettingsPatch } from '../../shared/settings';
import type { SimulatorKeyOptions, SimulatorOptions } from '../../simulator/server';
import type { AppHandle, OpenOptions } from './launch';

/** A small, fast history: enough symbols and pages for visible progress, small enough for e2e. */
export const SMALL_HISTORY: SimulatorOptions['history'] = {
  seed: 11, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 1, trades: 240, deposits: 2, withdrawals: 1,
};

/** A read-only key in the simulator's accepted format (printable ASCII, >= 8 chars). */
export function simKey(tag: string, extra: Partial<SimulatorKeyOptions> = {}): SimulatorKeyOptions {
  const nonce = Math.random().toString(36).slice(2, 10);
  return { apiKey: `e2eKey${tag}${nonce}${'k'.repeat(24)}`, secret: `e2eSecret${tag}${nonce}${'s'.repeat(16)}`, ...extra };
}

/**
 * Opens the app and waits until the bridge is connected and the store is being served. Returns
 * the page to drive from here on (in Electron the app's own window, not the page passed in).
 */
export async function openApp(page: Page, app: AppHandle, options?: OpenOptions): Promise<Page> {
  const shown = await app.open(page, options);
  await expect(shown.getByTestId('bridge-status')).toHaveAttribute('data-status', 'connected');
  return shown;
}

/** Settings through the same API the settings page uses; fails the test on a typed error. */
/** Opens the built-in demo exchange from the first screen and waits until its first sync is done. */
export async function syncDemo(page: Page): Promise<void> {
  await page.getByTestId('try-demo').click();
  await expect(page.getByTestId('account-card')).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
}

export async function updateSettings(page: Page, patch: SettingsPatch): Promise<void> {
  const reply = await page.evaluate((p) => window.tradelog?.settings.update(p), patch);
  expect(reply).toMatchObject({ ok: true });
}

export interface AccountFormInput {
  /** Binance unless said. */
  exchange?: 'binance' | 'bybit';
  label?: string;
  apiKey?: string;
  secret?: string;
  baseUrl?: string;
  historyStart?: string;
  symbolScope?: 'held' | 'all';
}

/** Opens the add-account form, from the first-run card or the accounts panel. */
export async function openAddForm(page: Page): Promise<Locator> {
  const form = page.getByTestId('add-account-form');
  if (!(await form.isVisible())) {
    const firstRun = page.getByTestId('first-add-account');
    const add = page.getByTestId('add-account');
    await expect(firstRun.or(add)).toBeVisible();
    if (await firstRun.isVisible()) await firstRun.click();
    else await add.click();
  }
  await expect(form).toBeVisible();
  return form;
}

/** Fills the real form as a user would (Binance unless said, Advanced: API base URL) without submitting. */
export async function fillAccountForm(page: Page, input: AccountFormInput): Promise<Locator> {
  const form = await openAddForm(page);
  await form.getByTestId('exchange').selectOption(input.exchange ?? 'binance');
  await form.getByTestId('label').fill(input.label ?? '');
  await form.getByTestId('api-key').fill(input.apiKey ?? '');
  await form.getByTestId('api-secret').fill(input.secret ?? '');
  if (input.historyStart !== undefined) await form.getByTestId('history-start').fill(input.historyStart);
  await form.getByTestId('symbol-scope').selectOption(input.symbolScope ?? 'all');
  if (input.baseUrl !== undefined) {
    const baseUrl = form.getByTestId('base-url');
    if (!(await baseUrl.isVisible())) await form.getByText('Advanced', { exact: true }).click();
    await baseUrl.fill(input.baseUrl);
  }
  return form;
}

/** Adds an account through the form and returns its card (the form closes on success). */
export async function addAccountViaForm(page: Page, input: AccountFormInput): Promise<Locator> {
  const form = await fillAccountForm(page, input);
  await form.getByTestId('save-account').click();
  await expect(form).toBeHidden({ timeout: 30_000 });
  const card = page.getByTestId('account-card').filter({ has: page.getByRole('heading', { name: input.label ?? '', exact: true }) });
  await expect(card).toBeVisible();
  return card;
}

/** Every object store of the journal database, read in the page (IndexedDB is per origin). */
export async function dumpJournalDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tradelog-journal');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    const out: Record<string, unknown[]> = {};
    try {
      for (const name of Array.from(db.objectStoreNames)) {
        out[name] = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        });
      }
    } finally {
      db.close();
    }
    return out;
  });
}

/** Rows of one store belonging to an account (records carry `accountId`). */
export function rowsOf(dump: Record<string, unknown[]>, store: string, accountId: string): unknown[] {
  return (dump[store] ?? []).filter((row) => typeof row === 'object' && row !== null && (row as { accountId?: unknown }).accountId === accountId);
}

/** The account id a card carries. */
export async function accountIdOf(card: Locator): Promise<string> {
  const id = await card.getAttribute('data-account-id');
  expect(id).not.toBeNull();
  return id ?? '';
}
