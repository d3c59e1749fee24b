/**
 * Opening a position's chart in Chromium: bench/chart-chromium-page.ts bundled with the app's own
 * chart data code, candle cache (Dexie on real IndexedDB) and lightweight-charts, run on the page's
 * main thread. Goal: no long task > 50 ms while charts open; each open to its second frame timed.
 *   npx tsx bench/chart-chromium.ts [--positions=20] [--candles=1000] [--port=47393]
 * Prints one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { argNumber, emitResult, main } from './lib';

const POSITIONS = argNumber('positions', 20);
const CANDLES = argNumber('candles', 1000);
const PORT = argNumber('port', 47_393);

main(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./chart-chromium-page.ts', import.meta.url))],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent',
  });
  const js = out.outputFiles[0]?.text ?? '';
  const page = '<!doctype html><meta charset="utf-8"><title>chart bench</title><body style="margin:0"><script src="/page.js"></script></body>';
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const profile = await mkdtemp(join(tmpdir(), 'chart-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['TRADELOG_CHROMIUM'] ?? '/usr/bin/chromium', headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 800 },
  });
  try {
    const tab = context.pages()[0] ?? await context.newPage();
    await tab.goto(`http://127.0.0.1:${port}/`);
    const result = await tab.evaluate((p) => (window as unknown as { runBench(p: unknown): Promise<Record<string, unknown>> }).runBench(p), { positions: POSITIONS, candles: CANDLES });
    emitResult({ bench: 'chart-chromium', browser: context.browser()?.version() ?? 'chromium', ...result });
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
});
