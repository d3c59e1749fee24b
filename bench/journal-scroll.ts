/**
 * Scrolling Journal -> Trades at 1,000,000 stored trades. The real app (browser-mode core
 * as its own process, the built renderer) in Chromium with a persistent profile whose IndexedDB
 * holds N seeded trades over 3 accounts and 18 symbols. For each filter ("all accounts", one
 * account + symbol) it wheels the trade table several thousand rows deep at a fast human pace,
 * then flings to the bottom of the loaded rows again and again (each fling loads a keyset page),
 * then drags back to the top. A PerformanceObserver counts long tasks; a rAF loop records frame
 * gaps. Prints a table and ONE JSON line.
 *   npx tsx bench/journal-scroll.ts [--rows=1000000] [--wheel-rows=5000] [--flings=40] [--runs=1]
 *     [--only=all|pair] [--build | --static-dir=DIR] [--reseed] [--port=47393] [--cpu-profile=/tmp/scroll.cpuprofile] [--trace=/tmp/scroll-trace.json]
 * The renderer must be built (npm run build:renderer), or pass --build for a private build of the
 * current tree (served through TRADELOG_STATIC_DIR). The first run seeds the
 * profile through the app's own store code (renderer/db insertTrades, exact stats tables: ~4-8
 * minutes for 1M rows here); later runs reuse it (the profile lives in the temp dir, keyed by
 * row count and port; IndexedDB is per origin including the port, so the port is fixed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Account, ExchangeId, MarketType, Trade } from '../shared/domain/types';
import { tradeKey } from '../shared/domain/keys';
import { seededRandom } from '../testing/journal/fixtures';
import type { JournalEntry } from '../renderer/db/records';
import { startApp } from '../e2e/support/app';
import { DAY_MS, argFlag, argNumber, emitResult, main, round } from './lib';

const CHROMIUM = process.env.TRADELOG_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Bump when the seeded shape changes: profiles seeded by an older version are rebuilt. */
const SEED_VERSION = 3;
const SEED_CHUNK = 5000;

interface SeedAccount { id: string; exchange: ExchangeId; label: string; marketTypes: MarketType[]; weight: number }
const ACCOUNTS: readonly SeedAccount[] = [
  { id: 'scroll-binance', exchange: 'binance', label: 'Binance main', marketTypes: ['spot', 'linear'], weight: 0.55 },
  { id: 'scroll-bybit', exchange: 'bybit', label: 'Bybit', marketTypes: ['spot', 'linear'], weight: 0.3 },
  { id: 'scroll-binance-sub', exchange: 'binance', label: 'Binance sub', marketTypes: ['spot'], weight: 0.15 },
];
interface SeedSymbol { symbol: string; marketType: MarketType; price: number }
const seedSymbols = (marketType: MarketType, list: [string, number][]): SeedSymbol[] => list.map(([symbol, price]) => ({ symbol, marketType, price }));
const SYMBOLS: readonly SeedSymbol[] = [
  ...seedSymbols('spot', [['BTC/USDT', 60_000], ['ETH/USDT', 3_000], ['SOL/USDT', 150], ['BNB/USDT', 550], ['XRP/USDT', 0.55], ['DOGE/USDT', 0.12],
    ['ADA/USDT', 0.45], ['LINK/USDT', 14], ['AVAX/USDT', 30], ['DOT/USDT', 6.5], ['TRX/USDT', 0.12], ['PEPE/USDT', 0.00001]]),
  ...seedSymbols('linear', [['BTC/USDT:USDT', 60_000], ['ETH/USDT:USDT', 3_000], ['SOL/USDT:USDT', 150], ['XRP/USDT:USDT', 0.55], ['DOGE/USDT:USDT', 0.12], ['WIF/USDT:USDT', 2.2]]),
];
/** The account + symbol of the second filter (the busiest pair). */
const PAIR = { accountId: 'scroll-binance', symbol: 'BTC/USDT' };


/**
 * Realistic shapes, oldest first as a sync writes them (so the store derives positions as it
 * goes instead of replaying every pair at the next start): orders of 1-4 fills (same timestamp and order id: ties the
 * keyset pages must order by key), Zipf-like symbol popularity, random-walk prices, log-normal
 * notional, maker/taker fees (some in BNB), exchange realized P&L on futures fills.
 */
function* generateTrades(total: number, end: number): Generator<Trade[]> {
  const rnd = seededRandom(7);
  const normal = (): number => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const spanMs = 3 * 365 * DAY_MS;
  const start = end - spanMs;
  const perTrade = spanMs / total;
  const symbolWeights = SYMBOLS.map((_, i) => 1 / (i + 1.5));
  const weightSum = symbolWeights.reduce((a, b) => a + b, 0);
  const pick = <T>(items: readonly T[], weights: readonly number[], sum: number): T => {
    let r = rnd() * sum;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  };
  const prices = new Map(SYMBOLS.map((s) => [s.symbol, s.price]));
  const nextId = new Map<string, number>();
  const holdings = new Map<string, number>();
  let t = start;
  let orderSeq = 8_000_000_000;
  let chunk: Trade[] = [];
  let made = 0;
  while (made < total) {
    // Paced by trade count so the last trade lands at `end` (ties only within an order), with jitter.
    t = Math.max(t + 1, Math.round(start + made * perTrade + (rnd() - 0.5) * perTrade));
    const account = pick(ACCOUNTS, ACCOUNTS.map((a) => a.weight), 1);
    const candidates = SYMBOLS.filter((s) => account.marketTypes.includes(s.marketType));
    const sym = pick(candidates, candidates.map((s) => symbolWeights[SYMBOLS.indexOf(s)] ?? 0), weightSum);
    const price0 = prices.get(sym.symbol) ?? sym.price;
    const price = price0 * Math.exp(normal() * 0.003);
    prices.set(sym.symbol, price);
    const linear = sym.marketType === 'linear';
    const idKey = `${account.id}|${sym.symbol}`;
    // Spot sells only what was bought (a replay refuses to sell more than is held); futures go both ways.
    const held = holdings.get(idKey) ?? 0;
    let side: 'buy' | 'sell' = rnd() < 0.5 ? 'buy' : 'sell';
    let notional = Math.exp(Math.log(400) + normal() * 1.1);
    if (!linear && side === 'sell') {
      if (held * price < 20) side = 'buy';
      else notional = Math.min(notional, held * price * 0.98);
    }
    const maker = rnd() < 0.35;
    const fills = 1 + Math.floor(rnd() * rnd() * 4);
    const orderId = String(orderSeq++);
    for (let f = 0; f < fills && made < total; f++) {
      const id = (nextId.get(idKey) ?? 50_000_000) + 1;
      nextId.set(idKey, id);
      const fillPrice = Number((price * (1 + (rnd() - 0.5) * 0.0004)).toPrecision(6));
      const rounded = Number((notional / fills / fillPrice).toPrecision(5));
      const amount = !linear && side === 'sell' ? Math.min(rounded, holdings.get(idKey) ?? 0) : rounded;
      if (!(amount > 0)) break;
      if (!linear) holdings.set(idKey, (holdings.get(idKey) ?? 0) + (side === 'buy' ? amount : -amount));
      const cost = fillPrice * amount;
      const bnbFee = account.exchange === 'binance' && !linear && rnd() < 0.3;
      const feeRate = linear ? (maker ? 0.0002 : 0.0005) : (maker ? 0.00075 : 0.001);
      chunk.push({
        key: tradeKey(account.exchange, account.id, sym.marketType, sym.symbol, String(id)),
        accountId: account.id, exchange: account.exchange, marketType: sym.marketType, symbol: sym.symbol,
        tradeId: String(id), orderId, timestamp: t, side, price: fillPrice, amount, cost,
        feeCost: bnbFee ? Number((cost * feeRate / 550).toPrecision(6)) : Number((cost * feeRate).toPrecision(6)),
        feeCurrency: bnbFee ? 'BNB' : 'USDT', takerOrMaker: maker ? 'maker' : 'taker',
        exchangeRealizedPnl: linear && rnd() < 0.5 ? Number((normal() * notional * 0.02).toFixed(4)) : null,
      });
      made++;
      if (chunk.length === SEED_CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The seeding page's script: the app's own schema and insertTrades (exact stats tables), bundled with esbuild. */
const SEED_ENTRY = `
import { openJournalDb } from './renderer/db/schema';
import { insertTrades } from './renderer/db/insert-trades';
const ready = openJournalDb();
globalThis.__seed = {
  insert: async (rows) => (await insertTrades(await ready, rows, { chunkRows: rows.length })).inserted,
  put: async (table, rows) => { await (await ready).table(table).bulkPut(rows); },
  count: async () => (await ready).trades.count(),
  close: async () => (await ready).close(),
};
`;

interface SeedMarker { version: number; rows: number; seededAt: string; end: number; seedMs: number }

/**
 * Seeds the profile's IndexedDB for origin 127.0.0.1:port on a bare page served from that port
 * (the app is not running yet, so nothing else touches the database while it fills).
 */
async function seed(profile: string, port: number, rows: number): Promise<SeedMarker> {
  const out = await build({ stdin: { contents: SEED_ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'seed-entry.ts' }, bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  const script = out.outputFiles[0]?.text ?? '';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><meta charset="utf-8"><title>seed</title><script>${script.replace(/<\/script/gi, '<\\/script')}</script>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  const t0 = performance.now();
  const end = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3_600_000;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(0);
    await page.goto(`http://127.0.0.1:${port}/`);
    type SeedApi = { insert(rows: Trade[]): Promise<number>; put(table: string, rows: unknown[]): Promise<void>; count(): Promise<number>; close(): Promise<void> };
    const now = Date.now();
    const accounts: Account[] = ACCOUNTS.map((a, i) => ({
      id: a.id, exchange: a.exchange, label: a.label, marketTypes: a.marketTypes, testnet: false, baseUrl: null, historyStart: null,
      symbolScope: 'all', credentialRef: null, status: 'active', scheduleMinutes: null, createdAt: now + i, updatedAt: now + i, lastAttemptAt: null, lastSuccessAt: null,
    }));
    await page.evaluate((rows) => (globalThis as unknown as { __seed: SeedApi }).__seed.put('accounts', rows), accounts);
    const tags = ['breakout', 'fomo', 'review', 'setup:pullback', 'mistake:late entry', 'news'];
    let inserted = 0;
    let lastLog = 0;
    for (const chunk of generateTrades(rows, end)) {
      inserted += await page.evaluate((batch) => (globalThis as unknown as { __seed: SeedApi }).__seed.insert(batch), chunk);
      // A journal entry on about one trade in 700: the per-row marker column has something to show.
      const entries: JournalEntry[] = chunk.filter((_, i) => (inserted + i) % 701 === 0).map((trade, i) => ({
        key: trade.key, kind: 'trade', accountId: trade.accountId, note: `Seeded note ${i}: **plan** held.`, tags: [tags[i % tags.length] ?? 'review', tags[(i + 2) % tags.length] ?? 'news'].sort(),
        rating: i % 3 === 0 ? null : 1 + (i % 5), createdAt: now, updatedAt: now,
      }));
      if (entries.length > 0) await page.evaluate((batch) => (globalThis as unknown as { __seed: SeedApi }).__seed.put('journal', batch), entries);
      if (inserted - lastLog >= 100_000 || inserted === rows) {
        lastLog = inserted;
        const s = (performance.now() - t0) / 1000;
        process.stderr.write(`journal-scroll: seeded ${inserted.toLocaleString('en-US')} trades in ${s.toFixed(0)} s (${Math.round(inserted / s)} rows/s)\n`);
      }
    }
    const stored = await page.evaluate(() => (globalThis as unknown as { __seed: SeedApi }).__seed.count());
    if (stored !== rows) throw new Error(`seeded ${stored} trades, expected ${rows}`);
    await page.evaluate(() => (globalThis as unknown as { __seed: SeedApi }).__seed.close());
  } finally {
    await context.close();
    server.close();
  }
  return { version: SEED_VERSION, rows, seededAt: new Date().toISOString(), end, seedMs: Math.round(performance.now() - t0) };
}

interface ScrollProbe {
  recording: boolean;
  /** Set by the driver: which part of the scenario a long task fell in. */
  phase: string;
  longTasks: { start: number; duration: number; phase: string }[];
  frames: number[];
  lastFrame: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Installed before the app's scripts: long tasks and rAF frame gaps, recorded only between start and stop. */
function installProbe(): void {
  const probe: ScrollProbe = { recording: false, phase: '', longTasks: [], frames: [], lastFrame: 0 };
  Object.defineProperty(window, '__scrollProbe', { value: probe });
  new PerformanceObserver((list) => {
    if (!probe.recording) return;
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration, phase: probe.phase });
  }).observe({ type: 'longtask', buffered: false });
  const tick = (now: number): void => {
    if (probe.recording && probe.lastFrame > 0) probe.frames.push(now - probe.lastFrame);
    probe.lastFrame = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function probeStart(page: Page): Promise<void> {
  return page.evaluate(() => {
    const p = (window as unknown as { __scrollProbe: ScrollProbe }).__scrollProbe;
    p.longTasks.length = 0;
    p.frames.length = 0;
    p.lastFrame = 0;
    p.recording = true;
  });
}

function setPhase(page: Page, phase: string): Promise<void> {
  return page.evaluate((name) => { (window as unknown as { __scrollProbe: ScrollProbe }).__scrollProbe.phase = name; }, phase);
}

function probeStop(page: Page): Promise<ScrollProbe> {
  return page.evaluate(() => {
    const p = (window as unknown as { __scrollProbe: ScrollProbe }).__scrollProbe;
    p.recording = false;
    return { ...p, longTasks: [...p.longTasks], frames: [...p.frames] };
  });
}

interface TableState { depth: number; loaded: number; listRows: number }

/**
 * How deep the table is (first row in view: scrollTop / row height), how many rows the status
 * line says are loaded (in memory) and how long the scrollable list is (scrollHeight / row height:
 * it grows with every page load, also once a sliding window stops growing in memory). Plain DOM reads: Playwright's selector engine would run in the page's main
 * thread on every poll and show up in the measurement.
 */
function tableState(page: Page): Promise<TableState> {
  return page.evaluate(() => {
    const scroller = document.querySelector('[data-testid="trade-scroll"]');
    const m = /([\d,]+) loaded/.exec(document.querySelector('[data-testid="history-status"]')?.textContent ?? '');
    return {
      depth: scroller === null ? -1 : Math.floor(scroller.scrollTop / 32), loaded: m?.[1] === undefined ? NaN : Number(m[1].replace(/,/g, '')),
      listRows: scroller === null ? 0 : Math.floor(scroller.scrollHeight / 32),
    };
  });
}

/** Renderer main-thread counters from CDP Performance.getMetrics (seconds, cumulative). */
async function mainThreadMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** The first rows of the table (their first cells) as text, once every one of them is drawn in full. */
async function topRows(page: Page): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    // Time to amount: the P&L and journal cells fill in from their own reads, a moment later.
    const rows = await page.evaluate(() => [...document.querySelectorAll('[data-testid="trade-scroll"] [role="row"]')].slice(0, 5)
      // A placeholder or a row drawn light during a fling has one cell: not loaded yet.
      .map((r) => (r.children.length < 7 ? '' : [...r.children].slice(0, 7).map((c) => c.textContent ?? '').join(' '))));
    if (rows.length > 0 && rows.every((r) => r.length > 0)) return rows;
    await page.waitForTimeout(50);
  }
  throw new Error('the top rows did not load');
}

interface ScenarioResult {
  filter: string;
  wheelEvents: number;
  depthRows: number;
  flings: number;
  /** Rows the status line counts as loaded (in memory). */
  rowsLoaded: number;
  /** Rows the scrollable list reached (loaded at some point; the deepest row the user can scroll to). */
  listRows: number;
  domRows: number;
  scrollMs: number;
  longTasks: number;
  over50ms: number;
  /** Tasks > 50 ms per phase: wheel (steady scrolling), fling (page loads), up (back to the top). */
  over50msByPhase: Record<string, number>;
  maxTaskMs: number;
  longTaskTotalMs: number;
  frames: number;
  frameGapP50Ms: number;
  frameGapP95Ms: number;
  frameGapP99Ms: number;
  frameGapMaxMs: number;
  framesOver50ms: number;
  /**
   * CPU time of the renderer's main thread during the scenario (CDP ThreadTime) and of its tasks,
   * scripts, layouts and style recalcs (Performance domain in thread time): far less sensitive to
   * the machine's load than long-task counts and frame gaps, which grow when others take the core.
   */
  mainThreadCpuMs: number;
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
}

/**
 * One filter: wheel down `wheelRows` rows (events of `wheelPx`, one per ~16 ms: a fast trackpad
 * pace), then `flings` jumps to the bottom of the loaded rows (each one loads a keyset page), then
 * back up to the top in big wheel steps.
 */
async function scenario(page: Page, cdp: CDPSession, filter: string, opts: { wheelRows: number; wheelPx: number; flings: number }): Promise<ScenarioResult> {
  const scroller = page.getByTestId('trade-scroll');
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  await page.getByTestId('trade-table').getByRole('row').nth(1).waitFor();
  await page.waitForTimeout(1000);
  const box = await scroller.boundingBox();
  if (box === null) throw new Error('trade table not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const topBefore = await topRows(page);
  const m0 = await mainThreadMetrics(cdp);
  await probeStart(page);
  await setPhase(page, 'wheel');
  const t0 = performance.now();
  let wheelEvents = 0;
  let next = performance.now();
  let state = await tableState(page);
  while (state.depth < opts.wheelRows) {
    await page.mouse.wheel(0, opts.wheelPx);
    wheelEvents++;
    next += 16;
    const wait = next - performance.now();
    if (wait > 0) await page.waitForTimeout(wait);
    if (wheelEvents % 8 === 0) state = await tableState(page);
    if (wheelEvents > (opts.wheelRows * 32 / opts.wheelPx) * 3 + 200) throw new Error(`wheel stuck at row ${state.depth}`);
  }
  const depth = (await tableState(page)).depth;
  await setPhase(page, 'fling');
  for (let i = 0; i < opts.flings; i++) {
    const before = (await tableState(page)).listRows;
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    // Wait for the page load the fling triggers (or give up after 2 s), then wheel a little as a reader does.
    const until = performance.now() + 2000;
    while ((await tableState(page)).listRows === before && performance.now() < until) await page.waitForTimeout(25);
    for (let w = 0; w < 4; w++) {
      await page.mouse.wheel(0, -opts.wheelPx);
      wheelEvents++;
      await page.waitForTimeout(16);
    }
  }
  const { loaded: rowsLoaded, listRows } = await tableState(page);
  // Back to the top, fast.
  await setPhase(page, 'up');
  while ((await tableState(page)).depth > 0) {
    for (let w = 0; w < 4; w++) {
      await page.mouse.wheel(0, -opts.wheelPx * 4);
      wheelEvents++;
      await page.waitForTimeout(16);
    }
    if (wheelEvents > 100_000) throw new Error('could not scroll back to the top');
  }
  await page.waitForTimeout(300);
  const scrollMs = performance.now() - t0;
  const probe = await probeStop(page);
  const m1 = await mainThreadMetrics(cdp);
  // Back at the top the same rows show (pages dropped on the way down were loaded back in order).
  const topAfter = await topRows(page);
  if (topAfter.join('\n') !== topBefore.join('\n')) throw new Error(`the top rows differ after scrolling:\n${topBefore.join('\n')}\n---\n${topAfter.join('\n')}`);
  const delta = (name: string): number => round(((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000);
  const domRows = await page.getByTestId('trade-table').getByRole('row').count();
  const tasks = probe.longTasks.map((t) => t.duration);
  return {
    filter, wheelEvents, depthRows: depth, flings: opts.flings, rowsLoaded, listRows, domRows, scrollMs: round(scrollMs),
    longTasks: tasks.length, over50ms: tasks.filter((d) => d > 50).length,
    over50msByPhase: Object.fromEntries(['wheel', 'fling', 'up'].map((ph) => [ph, probe.longTasks.filter((t) => t.phase === ph && t.duration > 50).length])), maxTaskMs: round(Math.max(0, ...tasks)), longTaskTotalMs: round(tasks.reduce((a, b) => a + b, 0)),
    frames: probe.frames.length, frameGapP50Ms: round(percentile(probe.frames, 0.5), 1), frameGapP95Ms: round(percentile(probe.frames, 0.95), 1),
    frameGapP99Ms: round(percentile(probe.frames, 0.99), 1), frameGapMaxMs: round(Math.max(0, ...probe.frames), 1), framesOver50ms: probe.frames.filter((f) => f > 50).length,
    mainThreadCpuMs: delta('ThreadTime'), taskMs: delta('TaskDuration'), scriptMs: delta('ScriptDuration'), layoutMs: delta('LayoutDuration'), styleMs: delta('RecalcStyleDuration'),
  };
}

async function selectFilter(page: Page, accountId: string | null, symbol: string | null): Promise<void> {
  await page.getByTestId('filter-account').selectOption(accountId ?? '');
  if (symbol !== null) {
    await page.getByTestId('filter-symbol').locator(`option[value="${symbol}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('filter-symbol').selectOption(symbol);
  }
  await page.getByTestId('trade-table').getByRole('row').nth(1).waitFor();
}

/**
 * Schema v4 derives positions and per-fill P&L in the store worker: a profile seeded before (or an
 * import) leaves every pair stale and the first start replays them all. Measure only once that is
 * done (it persists in the profile), or the replay's writes and CPU would be measured as scrolling.
 */
async function waitForDerivedPositions(page: Page): Promise<void> {
  const t0 = performance.now();
  let logged = 0;
  for (;;) {
    const stale = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('tradelog-journal');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('ledgers')) {
          db.close();
          resolve(0);
          return;
        }
        const request = db.transaction('ledgers').objectStore('ledgers').index('status').count('stale');
        request.onsuccess = () => { resolve(request.result); db.close(); };
        request.onerror = () => { reject(request.error); db.close(); };
      };
    }));
    if (stale === 0) return;
    const s = (performance.now() - t0) / 1000;
    if (s - logged >= 30) {
      logged = s;
      process.stderr.write(`journal-scroll: waiting for the store to derive positions: ${stale} pairs stale after ${s.toFixed(0)} s\n`);
    }
    if (s > 3600) throw new Error('positions were still stale after an hour');
    await page.waitForTimeout(2000);
  }
}

async function openProfileContext(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 1000 } });
}

main(async () => {
  const rows = argNumber('rows', 1_000_000);
  const port = argNumber('port', 47_393);
  const runs = Math.max(1, argNumber('runs', 1));
  const opts = { wheelRows: argNumber('wheel-rows', 5000), wheelPx: argNumber('wheel-px', 240), flings: argNumber('flings', 40) };
  const cpuProfileOut = process.argv.find((a) => a.startsWith('--cpu-profile='))?.slice('--cpu-profile='.length);
  const traceOut = process.argv.find((a) => a.startsWith('--trace='))?.slice('--trace='.length);
  // --build: a private build of the current tree (other work may rebuild dist/renderer meanwhile).
  let staticDir = process.argv.find((a) => a.startsWith('--static-dir='))?.slice('--static-dir='.length) ?? join(ROOT, 'dist/renderer');
  if (argFlag('build')) {
    staticDir = join(tmpdir(), 'tradelog-journal-scroll-renderer');
    process.stderr.write(`journal-scroll: building the renderer into ${staticDir}\n`);
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', staticDir, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
  } else if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error('build the renderer first (npm run build:renderer) or pass --build');
  }
  // IndexedDB belongs to the origin (port included): one profile per row count and port.
  const profile = join(tmpdir(), `tradelog-journal-scroll-${rows}-${port}`);
  const markerFile = join(profile, 'tradelog-seed.json');
  let marker: SeedMarker | null = null;
  try {
    marker = JSON.parse(readFileSync(markerFile, 'utf8')) as SeedMarker;
  } catch {
    marker = null;
  }
  if (argFlag('reseed') || marker === null || marker.version !== SEED_VERSION || marker.rows !== rows) {
    rmSync(profile, { recursive: true, force: true });
    mkdirSync(profile, { recursive: true });
    process.stderr.write(`journal-scroll: seeding ${rows.toLocaleString('en-US')} trades into ${profile} (once; later runs reuse it)\n`);
    marker = await seed(profile, port, rows);
    writeFileSync(markerFile, JSON.stringify(marker));
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'tradelog-scroll-data-'));
  const app = await startApp({ port, dataDir, env: { TRADELOG_LOG_LEVEL: 'warn', TRADELOG_STATIC_DIR: staticDir } });
  const context = await openProfileContext(profile);
  const results: ScenarioResult[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => process.stderr.write(`journal-scroll: page error: ${e.message}\n`));
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.addInitScript(installProbe);
    await page.goto(app.url);
    await page.getByTestId('account-card').first().waitFor();
    const stored = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('tradelog-journal');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('trades').objectStore('trades').count();
        request.onsuccess = () => { resolve(request.result); open.result.close(); };
      };
    }));
    if (stored !== rows) throw new Error(`the profile holds ${stored} trades, expected ${rows}: run with --reseed`);
    await waitForDerivedPositions(page);
    await page.getByTestId('nav-journal').click();
    await page.getByTestId('journal-tab-history').click();
    await page.getByTestId('trade-table').getByRole('row').nth(1).waitFor();

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (cpuProfileOut !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const traceChunks: unknown[] = [];
    let traceDone: Promise<void> = Promise.resolve();
    if (traceOut !== undefined) {
      cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => { traceChunks.push(...e.value); });
      traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,v8,v8.execute,disabled-by-default-v8.gc,blink.user_timing,loading', transferMode: 'ReportEvents' });
    }
    const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
    for (let run = 0; run < runs; run++) {
      if (only === undefined || only === 'all') {
        await selectFilter(page, null, null);
        results.push(await scenario(page, cdp, 'all accounts', opts));
      }
      if (only === undefined || only === 'pair') {
        await selectFilter(page, PAIR.accountId, PAIR.symbol);
        results.push(await scenario(page, cdp, `${PAIR.accountId} ${PAIR.symbol}`, opts));
        await page.getByRole('button', { name: 'Reset' }).click();
      }
    }
    if (traceOut !== undefined) {
      await cdp.send('Tracing.end');
      await traceDone;
      writeFileSync(traceOut, JSON.stringify({ traceEvents: traceChunks }));
      process.stderr.write(`journal-scroll: trace written to ${traceOut}\n`);
    }
    if (cpuProfileOut !== undefined) {
      const { profile: cpu } = await cdp.send('Profiler.stop');
      writeFileSync(cpuProfileOut, JSON.stringify(cpu));
      process.stderr.write(`journal-scroll: CPU profile written to ${cpuProfileOut}\n`);
    }
    const heapMB = await page.evaluate(() => {
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return mem === undefined ? null : mem.usedJSHeapSize / 1_048_576;
    });

    const cols: (keyof ScenarioResult)[] = ['filter', 'depthRows', 'listRows', 'rowsLoaded', 'wheelEvents', 'scrollMs', 'over50ms', 'over50msByPhase', 'maxTaskMs', 'longTasks', 'frameGapP50Ms', 'frameGapP95Ms', 'frameGapMaxMs', 'framesOver50ms', 'mainThreadCpuMs', 'taskMs', 'scriptMs', 'layoutMs', 'domRows'];
    process.stderr.write(`\n${cols.join(' | ')}\n${cols.map(() => '---').join(' | ')}\n`);
    for (const r of results) process.stderr.write(`${cols.map((c) => (typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c]))).join(' | ')}\n`);
    process.stderr.write('\n');
    emitResult({
      job: 'journal-scroll', storedTrades: stored, accounts: ACCOUNTS.length, symbols: SYMBOLS.length, ...opts, runs,
      over50msTotal: results.reduce((a, r) => a + r.over50ms, 0), maxTaskMs: Math.max(0, ...results.map((r) => r.maxTaskMs)),
      frameGapP95MsMax: Math.max(0, ...results.map((r) => r.frameGapP95Ms)), jsHeapMB: heapMB === null ? null : round(heapMB), loadavg: loadavg().map((l) => round(l, 2)),
      scenarios: results,
    });
  } finally {
    await context.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
