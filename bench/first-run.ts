/**
 * A newcomer's first minutes: `npm start` in a checkout (default: this one), timed from the command
 * to the first screen in Chromium, then one click on "Try the demo exchange" to its first complete
 * sync. The checkout's renderer build counts when it is stale, as it does for a newcomer.
 *   npx tsx bench/first-run.ts [--dir=/path/to/checkout] [--rebuild]
 * --rebuild deletes dist/renderer first (a fresh clone's first start).
 * Prints one JSON line: { startToUrlMs, startToFirstScreenMs, demoSyncMs, trades }.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { argFlag, emitResult, main } from './lib';

const CHROMIUM = process.env.TRADELOG_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const URL_TIMEOUT_MS = 180_000;
const SYNC_TIMEOUT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function dirArg(): string {
  const hit = process.argv.find((a) => a.startsWith('--dir='));
  return resolve(hit === undefined ? process.cwd() : hit.slice('--dir='.length));
}

async function run(): Promise<void> {
  const dir = dirArg();
  if (argFlag('rebuild')) rmSync(join(dir, 'dist', 'renderer'), { recursive: true, force: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'tradelog-first-run-'));
  const profile = mkdtempSync(join(tmpdir(), 'tradelog-first-run-chromium-'));
  const port = await freePort();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const t0 = performance.now();
  // Its own process group, so the whole tree (npm, node, the core) is stopped at the end.
  const app = spawn(npm, ['start'], {
    cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRADELOG_PORT: String(port), TRADELOG_DATA_DIR: dataDir, TRADELOG_LOG_LEVEL: 'warn' },
  });
  const lines: string[] = [];
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no address within ${URL_TIMEOUT_MS} ms:\n${lines.join('\n')}`)), URL_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() !== '') lines.push(line);
        const found = /open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(line);
        if (found?.[1] !== undefined) {
          clearTimeout(timer);
          done(found[1]);
        }
      }
    };
    app.stdout.on('data', onData);
    app.stderr.on('data', onData);
    app.on('exit', (code) => fail(new Error(`npm start exited with ${code ?? 'a signal'}:\n${lines.join('\n')}`)));
  });
  const startToUrlMs = performance.now() - t0;
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByTestId('first-run').waitFor({ state: 'visible' });
    const startToFirstScreenMs = performance.now() - t0;
    const clicked = performance.now();
    await page.getByTestId('try-demo').click();
    const card = page.getByTestId('account-card');
    await card.and(page.locator('[data-status="synced"]')).waitFor({ state: 'visible', timeout: SYNC_TIMEOUT_MS });
    const demoSyncMs = performance.now() - clicked;
    const trades = Number((await card.getByTestId('trade-count').innerText()).replace(/,/g, ''));
    emitResult({ startToUrlMs: Math.round(startToUrlMs), startToFirstScreenMs: Math.round(startToFirstScreenMs), demoSyncMs: Math.round(demoSyncMs), trades, log: lines.slice(0, 3) });
  } finally {
    await context.close();
    if (app.pid !== undefined) process.kill(-app.pid, 'SIGTERM');
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(run);
