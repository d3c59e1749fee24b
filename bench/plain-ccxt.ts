/**
 * Job 3: the same account synced by a plain ccxt script, the obvious way: ccxt defaults
 * (enableRateLimit true, its leaky-bucket throttle: Binance rateLimit 50 ms per cost unit),
 * loadMarkets, then for EVERY spot and USD-M market ccxt loads (inactive ones included: ccxt
 * lists delisted BREAK symbols with `active: false`, and they hold history) a `fetchMyTrades`
 * loop paging by `fromId` (0, then the last row's id + 1) until a short page. Rows are counted
 * and dropped (no storage); completeness = distinct fills fetched vs the ground truth. ccxt returns a page sorted by timestamp, so with partial fills sharing a timestamp the
 * last row is not always the highest id: the obvious loop re-fetches a few rows (counted).
 * Same simulator shape, latency and real weight limits as bench/first-sync.ts.
 *
 * Only deviations from a bare `new binance({apiKey, secret})`: every API URL points at the
 * simulator, and loadMarkets is restricted to spot + linear (the simulator serves no
 * COIN-M/options/margin endpoints, and ccxt loads only what the app syncs: see main/exchange/ccxt-instance.ts). A rate-limit error
 * (429/418 -> ccxt DDoSProtection) is retried after 1 s, the naive way, and counted.
 *   npx tsx bench/plain-ccxt.ts [same shape flags as first-sync]
 *   npx tsx bench/plain-ccxt.ts --realsize [flags of bench/realsize-scenario.ts]: the real-size account
 *     of bench/realsize.ts, its time compression applied to ccxt's throttle as well
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { binance, DDoSProtection, RateLimitExceeded, type Market, type Trade } from 'ccxt';
import { DEMO_CREDENTIALS, startSimulator } from '../simulator';
import { rewriteApiUrls } from '../main/exchange/urls';
import { argFlag, emitResult, historyOptions, main, round, shapeFromArgs, summarize, type LogEntry } from './lib';
import { realsizeFromArgs } from './realsize-scenario';

async function run(): Promise<void> {
  const now = Date.now();
  const realsize = argFlag('realsize') ? realsizeFromArgs(now) : null;
  const small = shapeFromArgs({ listedSpot: 200, tradedSpot: 20, listedLinear: 30, tradedLinear: 10, trades: 36_000, historyDays: 60, latencyMs: 40 });
  const shape: Record<string, number> = realsize?.shape ?? { ...small };
  const sim = await startSimulator(realsize?.sim ?? { history: historyOptions(small, now), latencyMs: small.latencyMs });
  // The exchange's windows run `speed` times faster in the real-size scenario: so does ccxt's
  // throttle (given to the constructor: ccxt builds its throttler from it there).
  const ex = new binance({
    apiKey: DEMO_CREDENTIALS.apiKey, secret: DEMO_CREDENTIALS.secret,
    options: { fetchMarkets: { types: ['spot', 'linear'] }, fetchCurrencies: false, fetchMargins: false },
    ...(realsize === null ? {} : { rateLimit: (new binance().rateLimit ?? 50) / realsize.speed }),
  });
  ex.urls.api = rewriteApiUrls(ex.urls.api, sim.baseUrl);

  let rows = 0;
  const unique = new Set<string>();
  let rateLimitErrors = 0;
  const t0 = performance.now();
  const startedAt = Date.now();
  const markets: Record<string, Market> = await ex.loadMarkets();
  const symbols = Object.values(markets)
    .filter((m): m is NonNullable<Market> => m !== undefined && (m.spot === true || m.linear === true))
    .map((m) => m.symbol);
  for (const symbol of symbols) {
    let fromId = 0;
    for (;;) {
      let page: Trade[];
      try {
        page = await ex.fetchMyTrades(symbol, undefined, 1000, { fromId });
      } catch (error) {
        if ((error instanceof DDoSProtection || error instanceof RateLimitExceeded) && rateLimitErrors < 20) {
          rateLimitErrors++;
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        throw error;
      }
      rows += page.length;
      for (const t of page) unique.add(`${symbol}|${t.id ?? ''}`);
      const last = page[page.length - 1];
      if (page.length < 1000 || last === undefined) break;
      fromId = Number(last.id) + 1;
    }
  }
  const wallMs = performance.now() - t0;
  const truth = sim.groundTruth().trades.length;
  const summary = summarize(sim.requestLog.entries as readonly LogEntry[]);
  await sim.close();
  emitResult({
    job: 'plain-ccxt', ccxt: ex.version, shape, symbols: symbols.length, inactiveSymbols: Object.values(markets).filter((m) => m?.active === false).length,
    truth, trades: unique.size, missing: truth - unique.size, rowsFetched: rows, duplicatesFetched: rows - unique.size, wallMs: round(wallMs),
    requests: summary.requests, weight: summary.weight, http429: summary.http429, http418: summary.http418, rateLimitErrors,
    byBucket: summary.byBucket, startOffsetInMinuteMs: startedAt % 60_000,
    throttle: { enableRateLimit: ex.enableRateLimit, rateLimitMs: ex.rateLimit },
  });
}

main(run);
