/**
 * A CSV import of many fills in Chromium on real IndexedDB: through the store worker over the
 * page's writer port (how the app stores a file now) and, for comparison, on the UI thread (how
 * it did before the worker became the only writer). Reports wall time, rows/s and the page's
 * long tasks (input blocked > 50 ms).
 *   npx tsx bench/import-chromium.ts [--rows=100000] [--port=47393]
 * Needs Debian's Chromium at /usr/bin/chromium. Prints one JSON line per mode.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ROWS = arg('rows', 100_000);
const PORT = arg('port', 47_393);
const PAGE = '<!doctype html><meta charset="utf-8"><title>import bench</title><script src="/page.js"></script>';
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function bundle(file: string): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: false, logLevel: 'silent',
  });
  const text = out.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild produced no output');
  return text;
}

async function main(): Promise<void> {
  const [pageJs, workerJs] = await Promise.all([bundle('./import-chromium-page.ts'), bundle('./import-chromium-worker.ts')]);
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(pageJs);
    else if (req.url === '/worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const profile = await mkdtemp(join(tmpdir(), 'import-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(0);
    await page.goto(`http://127.0.0.1:${port}/`);
    for (const mode of ['worker', 'ui-thread'] as const) {
      const result = await page.evaluate((p) => (window as unknown as { runBench(p: unknown): Promise<Record<string, unknown>> }).runBench(p), { rows: ROWS, mode });
      console.log(JSON.stringify({ bench: 'import-chromium', browser: context.browser()?.version() ?? 'chromium', ...result }));
    }
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
