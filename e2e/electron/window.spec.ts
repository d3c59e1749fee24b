import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { openApp } from '../support/flows';
import { launchApp } from '../support/launch';
import type { AppHandle } from '../support/launch';
import { appMode } from '../support/mode';
import { probeCsp } from '../support/security';

// Electron-only twin of security.spec.ts's browser-mode transport and page-policy block: what the
// window's webPreferences and the app-wide handlers (main/electron/security.ts) must produce, seen
// from the running app. main/electron-policy.test.ts checks the same settings as source text.
// (Electron 45 has no getter for a window's webPreferences, so their effects are asserted.)
let app: AppHandle;

test.skip(() => appMode() !== 'electron', 'runs in the Electron project only');

test.beforeAll(async () => {
  app = await launchApp();
});

test.afterAll(async () => {
  // Unset when skipped (afterAll runs anyway).
  await app?.stop();
});

test('the window loads the built renderer from disk; the page has no Node, only the preload API', async ({ page }) => {
  page = await openApp(page, app);
  expect(page.url()).toMatch(/^file:\/\/.*\/renderer\/index\.html/);
  const seen = await page.evaluate(() => ({
    // nodeIntegration off, contextIsolation on: none of Node's globals reach the page.
    nodeGlobals: ['require', 'process', 'module', 'Buffer', '__dirname'].filter((name) => name in globalThis),
    api: typeof window.tradelog?.app.info,
  }));
  expect(seen).toEqual({ nodeGlobals: [], api: 'function' });
  expect(await page.evaluate(() => window.tradelog?.app.info({}))).toMatchObject({ ok: true, value: { host: 'electron' } });
});

test('new windows are denied and no permission is granted', async ({ page }) => {
  page = await openApp(page, app);
  const result = await page.evaluate(async () => ({
    // setWindowOpenHandler answers synchronously: a denied window.open returns null.
    opened: window.open('https://example.com/') !== null,
    // The permission check handler answers false, so a query reads denied.
    notifications: (await navigator.permissions.query({ name: 'notifications' })).state,
  }));
  expect(result).toEqual({ opened: false, notifications: 'denied' });
  expect(app.electron.windows()).toHaveLength(1);
});

test('the CSP meta tag is the shared policy and the window enforces it', async ({ page }) => {
  page = await openApp(page, app);
  // A file:// page has no response headers: the meta tag carries the policy (frame-ancestors is header-only by spec).
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  expect(await probeCsp(page)).toEqual({ evalBlocked: true, inlineRan: false, fetchBlocked: true });
});
