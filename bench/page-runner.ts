/**
 * Runs a bench page script (bundled with esbuild) on the main thread of a headless Chromium and
 * returns what its `window.runBench(params)` resolves to. Shared by the Chromium page benches.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

export async function runPageBench(pageFile: string, params: unknown, port: number): Promise<{ browser: string; result: Record<string, unknown> }> {
  const out = await build({
    entryPoints: [pageFile], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true, logLevel: 'silent',
  });
  const js = out.outputFiles[0]?.text ?? '';
  const page = '<!doctype html><meta charset="utf-8"><title>bench</title><body style="margin:0"><script src="/page.js"></script></body>';
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const profile = await mkdtemp(join(tmpdir(), 'page-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['TRADELOG_CHROMIUM'] ?? '/usr/bin/chromium', headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 800 },
  });
  try {
    const tab = context.pages()[0] ?? await context.newPage();
    await tab.goto(`http://127.0.0.1:${bound}/`);
    const result = await tab.evaluate((p) => (window as unknown as { runBench(p: unknown): Promise<Record<string, unknown>> }).runBench(p), params);
    return { browser: context.browser()?.version() ?? 'chromium', result };
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
