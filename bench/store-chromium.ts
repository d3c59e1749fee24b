/**
 * commitBatch throughput in Chromium, with DexieStore running IN A DEDICATED WORKER on real
 * IndexedDB in a persistent profile, as a ratio to a primary-key-only bulkAdd in the same run.
 * Also counts main-thread long tasks during the run (expected: 0) and times the UI queries.
 *   npx tsx bench/store-chromium.ts [--rows=30000] [--batch=1000] [--accounts=1]
 *   npx tsx bench/store-chromium.ts --scale --rows=1000000 --accounts=2   (commitBatch only, per-segment rows/s)
 *   npx tsx bench/store-chromium.ts --persist-check   (write, restart the browser on the same profile+port, read back)
 *   [--port=47391] another port lets a second run go beside one already running (bench/run.ts uses 47392)
 * Needs Debian's Chromium at /usr/bin/chromium. Prints one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ROWS = arg('rows', 30_000);
const BATCH = arg('batch', 1000);
const ACCOUNTS = arg('accounts', 1);
const SCALE = process.argv.includes('--scale');
const SEGMENT = arg('segment', SCALE ? 100_000 : 10_000);
// Chromium keys IndexedDB by origin including the port: keep it fixed (--port only to run beside another run).
const PORT = arg('port', 47_391);

const PAGE = `<!doctype html><meta charset="utf-8"><title>store bench</title><script>
let longTasks = 0;
new PerformanceObserver((list) => { longTasks += list.getEntries().length; }).observe({ type: 'longtask', buffered: true });
window.runBench = (params) => new Promise((resolve, reject) => {
  const worker = new Worker('/worker.js');
  const before = longTasks;
  worker.onmessage = (e) => { worker.terminate(); e.data.ok ? resolve({ ...e.data.result, mainThreadLongTasks: longTasks - before }) : reject(new Error(e.data.error)); };
  worker.onerror = (e) => reject(new Error(e.message));
  worker.postMessage(params);
});
</script>`;

async function bundleWorker(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./store-chromium-worker.ts', import.meta.url))],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: false, logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no output');
  return file.text;
}

const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

async function runInPage(context: BrowserContext, port: number, params: unknown): Promise<Record<string, unknown>> {
  const page = context.pages()[0] ?? await context.newPage();
  // A 1M-row scale run takes many minutes; the default 30 s would cut it off.
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${port}/`);
  return page.evaluate((p) => (window as unknown as { runBench(p: unknown): Promise<Record<string, unknown>> }).runBench(p), params);
}

/**
 * --persist-check: commit rows in the worker, close the whole browser, start it again on the same
 * profile and port, and read the counts back (IndexedDB is keyed by origin including the port).
 */
async function persistCheck(context: BrowserContext, profile: string, port: number): Promise<void> {
  const written = await runInPage(context, port, { mode: 'persist-write', rows: Math.min(ROWS, 5000) });
  await context.close();
  const reopened = await launch(profile);
  try {
    const readBack = await runInPage(reopened, port, { mode: 'persist-read', rows: 0 });
    const ok = JSON.stringify(readBack) === JSON.stringify(written);
    console.log(JSON.stringify({ bench: 'store-chromium-persist', written, readBack, ok }));
    if (!ok) process.exitCode = 1;
  } finally {
    await reopened.close();
  }
}

async function main(): Promise<void> {
  const workerJs = await bundleWorker();
  const server = createServer((req, res) => {
    if (req.url === '/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const profile = await mkdtemp(join(tmpdir(), 'store-bench-profile-'));
  const context = await launch(profile);
  try {
    if (process.argv.includes('--persist-check')) {
      await persistCheck(context, profile, port);
      return;
    }
    const result = await runInPage(context, port, { rows: ROWS, batch: BATCH, accounts: ACCOUNTS, baseline: !SCALE, segmentRows: SEGMENT });
    console.log(JSON.stringify({ bench: 'store-chromium', browser: context.browser()?.version() ?? 'chromium', worker: 'dedicated', ...result }));
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
