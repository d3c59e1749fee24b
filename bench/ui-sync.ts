/**
 * What the UI thread feels while a large first sync pours in. The real app
 * (browser-mode core as its own process, the built renderer, its store Worker) in Chromium with a
 * persistent profile, syncing a simulated Binance account of ~100k spot trades. Reports long tasks
 * on the page's main thread (count, longest), input latency of scripted clicks (click to next
 * frame, and Event Timing), and commit throughput as a ratio to a primary-key-only insert measured
 * in the same browser, same origin, same run.
 *   node scripts/with-keyring.mjs npx tsx bench/ui-sync.ts [--trades=100000] [--quick] [--light] [--cpu-profile=/tmp/ui-sync.cpuprofile] [--trace=/tmp/ui-sync-trace.json]
 * Needs the renderer built (npm run build:renderer) and a Secret Service (the account has keys).
 * Each long task over 50 ms is reported with the view last clicked and the time since that click,
 * so a long task can be told to be a view mounting or a commit landing on a mounted view.
 * --cpu-profile writes a CPU profile of the page's main thread over the sync window (CDP Profiler; its
 * sampling costs time itself, so counts from a profiled run are not the figure); --trace writes a
 * Chromium trace of the same window (tasks, style, layout, paint, GC), at a similar cost.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { DEMO_CREDENTIALS, startSimulator } from '../simulator';
import { startApp } from '../e2e/support/app';
import { DAY_MS, MINUTE_MS, argFlag, argNumber, emitResult, main, round } from './lib';

const CHROMIUM = process.env.TRADELOG_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface LongTask {
  startMs: number;
  durationMs: number;
}

interface Click {
  atMs: number;
  target: string;
}

interface PageProbe {
  longTasks: number[];
  /** Every long task with its start (page clock), to attribute it to the click before it. */
  longTaskEntries: LongTask[];
  clicks: Click[];
  slowEvents: number[];
  clickToFrame: number[];
  done: string | null;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Each long task with the click before it: which view was showing, and how long after the click it began. */
function attributeLongTasks(tasks: readonly LongTask[], clicks: readonly Click[]): { ms: number; view: string; sinceClickMs: number | null }[] {
  return tasks.map((task) => {
    const before = clicks.filter((c) => c.atMs <= task.startMs).at(-1);
    return { ms: round(task.durationMs), view: before?.target ?? 'none', sinceClickMs: before === undefined ? null : round(task.startMs - before.atMs) };
  });
}

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/**
 * The page's main-thread tasks over 50 ms in a trace, wall time beside the thread's CPU time: a
 * task whose CPU time is far below its wall time waited for a core (the store Worker, the core
 * process, the simulator and Chromium's raster threads share this machine's cores with it).
 */
function mainThreadLongTasks(events: readonly TraceEvent[]): { wallMs: number; cpuMs: number }[] {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 50_000)
    .map((e) => ({ wallMs: round((e.dur ?? 0) / 1000, 1), cpuMs: round((e.tdur ?? 0) / 1000, 1) }));
}

main(async () => {
  const quick = argFlag('quick');
  const trades = argNumber('trades', quick ? 10_000 : 100_000);
  if (!existsSync('dist/renderer/index.html')) throw new Error('build the renderer first: npm run build:renderer');
  const now = Date.now();
  // Limits far above need: this measures storage and the UI, not the exchange's weight budget.
  const sim = await startSimulator({
    history: { seed: 23, start: now - 200 * DAY_MS, end: now - MINUTE_MS, listedSpot: 24, listedLinear: 0, tradedSpot: 16, tradedLinear: 0, trades, deposits: 0, withdrawals: 0 },
    binanceLimits: { limits: { api: 10_000_000, fapi: 10_000_000, sapi: 10_000_000 } },
  });
  const app = await startApp({ env: { TRADELOG_LOG_LEVEL: 'warn' } });
  const profile = mkdtempSync(join(tmpdir(), 'tradelog-ui-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // tsx compiles this file with esbuild's keepNames, which wraps named inner functions of
    // page.evaluate callbacks in a __name() helper the page does not have. A string script is
    // not transformed, so it can provide it.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.addInitScript(() => {
      const probe: PageProbe = { longTasks: [], longTaskEntries: [], clicks: [], slowEvents: [], clickToFrame: [], done: null };
      Object.defineProperty(window, '__probe', { value: probe });
      new PerformanceObserver((list) => { for (const e of list.getEntries()) {
        probe.longTasks.push(e.duration);
        probe.longTaskEntries.push({ startMs: e.startTime, durationMs: e.duration });
      } }).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.slowEvents.push(e.duration); }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
      // Input to the next frame: what a click feels like while commits run.
      window.addEventListener('click', (event) => {
        const at = event.timeStamp;
        const target = event.target instanceof Element ? event.target.closest('[data-testid]')?.getAttribute('data-testid') ?? '?' : '?';
        probe.clicks.push({ atMs: at, target });
        requestAnimationFrame(() => probe.clickToFrame.push(performance.now() - at));
      }, true);
    });
    await page.goto(app.url);
    await page.getByTestId('first-run').waitFor();
    const accountId = await page.evaluate(async ({ baseUrl, apiKey, secret }) => {
      const api = window.tradelog;
      if (api === undefined) throw new Error('no api');
      const reply = await api.accounts.add({ exchange: 'binance', label: 'Bench', marketTypes: ['spot'], apiKey, secret, baseUrl, symbolScope: 'all', scheduleMinutes: null });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value.id;
    }, { baseUrl: sim.baseUrl, apiKey: DEMO_CREDENTIALS.apiKey, secret: DEMO_CREDENTIALS.secret });
    await page.getByTestId('account-card').waitFor();

    // Start counting now: only the sync window matters.
    await page.evaluate((id) => {
      const probe = (window as unknown as { __probe: PageProbe }).__probe;
      probe.longTasks.length = 0;
      probe.longTaskEntries.length = 0;
      probe.clicks.length = 0;
      probe.slowEvents.length = 0;
      probe.clickToFrame.length = 0;
      window.tradelog?.events.on('job.updated', (job) => {
        if (job.accountId === id && (job.status === 'SUCCEEDED' || job.status === 'FAILED')) probe.done = job.status;
      });
    }, accountId);
    const profilePath = process.argv.find((a) => a.startsWith('--cpu-profile='))?.slice('--cpu-profile='.length) ?? null;
    let traced: ReturnType<typeof mainThreadLongTasks> | null = null;
    const tracePath = process.argv.find((a) => a.startsWith('--trace='))?.slice('--trace='.length) ?? null;
    const cdp = profilePath === null && tracePath === null ? null : await context.newCDPSession(page);
    const traceEvents: unknown[] = [];
    let traceDone: Promise<void> = Promise.resolve();
    if (cdp !== null && tracePath !== null) {
      cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => { traceEvents.push(...e.value); });
      traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,disabled-by-default-v8.gc,blink.user_timing', transferMode: 'ReportEvents' });
    }
    if (cdp !== null && profilePath !== null) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const t0 = performance.now();
    const requested = await page.evaluate(async (id) => window.tradelog?.sync.request({ accountId: id, mode: 'trades', force: true }), accountId);
    if (requested?.ok !== true) throw new Error(`sync request refused: ${JSON.stringify(requested)}`);
    // --light: only the light views, to tell the cost of mounting the journal from the commits'.
    const views = argFlag('light') ? ['nav-activity', 'nav-accounts'] : ['nav-activity', 'nav-accounts', 'nav-journal', 'nav-accounts'];
    let clicks = 0;
    for (;;) {
      const done = await page.evaluate(() => (window as unknown as { __probe: PageProbe }).__probe.done);
      if (done !== null) {
        if (done !== 'SUCCEEDED') throw new Error(`sync ${done}`);
        break;
      }
      if (performance.now() - t0 > 10 * MINUTE_MS) throw new Error('sync did not finish in 10 minutes');
      await page.getByTestId(views[clicks % views.length] ?? 'nav-accounts').click();
      clicks += 1;
      await page.waitForTimeout(150);
    }
    const syncMs = performance.now() - t0;
    if (cdp !== null && tracePath !== null) {
      await cdp.send('Tracing.end');
      await traceDone;
      writeFileSync(tracePath, JSON.stringify({ traceEvents }));
      traced = mainThreadLongTasks(traceEvents as TraceEvent[]);
    }
    if (cdp !== null && profilePath !== null) {
      const { profile: cpuProfile } = await cdp.send('Profiler.stop');
      writeFileSync(profilePath, JSON.stringify(cpuProfile));
    }
    await cdp?.detach();
    const probe = await page.evaluate(() => (window as unknown as { __probe: PageProbe }).__probe);
    const stored = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('tradelog-journal');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('trades').objectStore('trades').count();
        request.onsuccess = () => { resolve(request.result); open.result.close(); };
      };
    }));
    if (stored !== sim.groundTruth().trades.length) throw new Error(`stored ${stored}, simulator has ${sim.groundTruth().trades.length}`);

    // Baseline in the same browser and origin: primary-key-only inserts of trade-shaped rows,
    // 1000 per transaction (docs/ARCHITECTURE.md, storage facts: throughput as a ratio to a PK-only insert).
    const baselineRows = quick ? 10_000 : 30_000;
    page.on('pageerror', (e) => process.stderr.write(`ui-sync: page error: ${e.message}\n`));
    const pkOnlyPerSec = await page.evaluate((rows) => new Promise<number>((resolve, reject) => {
      const name = `bench-pk-only-${Date.now()}`;
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('t', { keyPath: 'key' });
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const start = performance.now();
        let written = 0;
        const batch = (): void => {
          const tx = db.transaction('t', 'readwrite');
          const store = tx.objectStore('t');
          for (let i = 0; i < 1000; i += 1) {
            const n = written + i;
            store.add({ key: `binance|acc|spot|SYM${n % 16}/USDT|${n}`, accountId: 'acc', exchange: 'binance', marketType: 'spot', symbol: `SYM${n % 16}/USDT`, tradeId: String(n), orderId: String(n >> 2), timestamp: 1_700_000_000_000 + n * 1000, side: n % 2 === 0 ? 'buy' : 'sell', price: 100 + (n % 50), amount: 0.5, cost: 50, feeCost: 0.05, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: null });
          }
          tx.oncomplete = () => {
            written += 1000;
            if (written < rows) batch();
            else {
              const perSec = rows / ((performance.now() - start) / 1000);
              db.close();
              indexedDB.deleteDatabase(name);
              resolve(perSec);
            }
          };
          tx.onerror = () => reject(tx.error);
        };
        batch();
      };
    }), baselineRows);

    const tradesPerSec = stored / (syncMs / 1000);
    emitResult({
      job: 'ui-sync', trades: stored, syncMs: round(syncMs), tradesPerSec: round(tradesPerSec), pkOnlyPerSec: round(pkOnlyPerSec),
      // The sync's rate includes fetching, normalizing and IPC as well as the commits: a conservative ratio.
      ratioToPkOnly: round(tradesPerSec / pkOnlyPerSec, 2),
      longTasks: {
        count: probe.longTasks.length, over50ms: probe.longTasks.filter((d) => d > 50).length, longestMs: round(Math.max(0, ...probe.longTasks)),
        over50msAfter: attributeLongTasks(probe.longTaskEntries.filter((t) => t.durationMs > 50), probe.clicks),
        ...(traced === null ? {} : { tracedOver50ms: traced }),
      },
      input: {
        clicks, clickToFrameP50Ms: round(percentile(probe.clickToFrame, 0.5), 1), clickToFrameP95Ms: round(percentile(probe.clickToFrame, 0.95), 1),
        clickToFrameMaxMs: round(Math.max(0, ...probe.clickToFrame), 1), eventTimingOver16ms: probe.slowEvents.length, eventTimingMaxMs: round(Math.max(0, ...probe.slowEvents)),
      },
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await app.stop();
    await sim.close();
  }
});
