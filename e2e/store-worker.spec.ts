import { expect, test } from '@playwright/test';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';
import { browserModeOnly } from './support/mode';

// Sync batches are written by the store worker, never on the UI thread. The page's own
// sockets carry requests and events only; every store call (commitBatch with its rows) travels on
// the worker's socket.
let app: AppHandle;

browserModeOnly('Electron hands the store worker a MessagePort from main: there are no sockets to watch. Every sync spec runs that path in Electron.');

test.beforeAll(async () => {
  app = await launchApp();
});

test.afterAll(async () => {
  // Unset when the Electron project skipped this file (afterAll runs anyway).
  await app?.stop();
});

test('store calls go to the worker; the UI thread sees none of them', async ({ page }) => {
  const pageFrames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => pageFrames.push(String(frame.payload)));
    socket.on('framesent', (frame) => pageFrames.push(String(frame.payload)));
  });
  // Runs in the page's frames only, never in workers: records what the UI thread itself sends.
  await page.addInitScript(() => {
    const sent: string[] = [];
    Object.defineProperty(window, '__uiThreadSent', { value: sent });
    const original = WebSocket.prototype.send;
    WebSocket.prototype.send = function send(this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (typeof data === 'string') sent.push(data);
      original.call(this, data);
    };
  });
  const workerUrls: string[] = [];
  page.on('worker', (worker) => workerUrls.push(worker.url()));

  await page.goto(app.url);
  await page.getByTestId('try-demo').click();
  const card = page.getByTestId('account-card');
  await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 45_000 });
  expect(Number((await card.getByTestId('trade-count').innerText()).replace(/[^0-9]/g, ''))).toBeGreaterThan(100);

  expect(workerUrls.some((url) => url.includes('storeHost.worker'))).toBe(true);
  // Store traffic happened (Playwright reports the worker's sockets with the page's)...
  expect(pageFrames.filter((f) => f.includes('"t":"storeRes"')).length).toBeGreaterThan(5);
  // ...but the UI thread sent requests only: no store hello, not one store reply.
  const uiSent = await page.evaluate(() => (window as unknown as { __uiThreadSent: string[] }).__uiThreadSent);
  expect(uiSent.some((f) => f.includes('"t":"req"'))).toBe(true);
  expect(uiSent.filter((f) => f.includes('"role":"store"') || f.includes('"t":"storeRes"'))).toEqual([]);
});
