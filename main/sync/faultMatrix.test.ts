import { afterEach, describe, expect, it } from 'vitest';
import type { BreakerPhase, EngineStatus } from '../../shared/domain/engine';
import type { Account, Job, SyncLog } from '../../shared/domain/types';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { DexieStore } from '../../renderer/db/dexie-store';
import { newTestDb } from '../../testing/db/test-support';
import { createAdapter } from '../exchange/create-adapter';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';
import { groundTruthTradeKeys } from '../../simulator/truth';
import type { Fault } from '../../simulator/faults';
import type { LoggedRequest } from '../../simulator/request-log';
import { createSyncEngine, type SyncEngine } from './engine';

/**
 * The fault matrix: every failure the exchanges are known for, on Binance and Bybit, against the
 * real ccxt adapters, the real engine and the real Dexie store (fake-indexeddb), like
 * integration.test.ts. For each fault:
 *  - the journal ends at exactly the simulator's ground truth (a revoked key: stops, the account
 *    needs credentials, and what was stored is whole: every row covered by a committed checkpoint);
 *  - no request went to a bucket while a Retry-After it was sent was pending (simulator's log);
 *  - the breaker opened and closed again where the fault outlasts its threshold, and never opened
 *    where page retries absorb it (engine.status events and a fast poll of engine.status());
 *  - the SyncLog tells the story: retries counted, the failed attempt's error code.
 * Small retry/backoff/breaker settings keep it to seconds; real time, because Retry-After is
 * whole seconds on the wire and the simulator's log is what proves invariant 4.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 11, start: now - 30 * DAY, end: now - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 2, trades: 160, deposits: 0, withdrawals: 0 };
const fastBinance = { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } };
const fastBybit = { limits: { execution: 1e6, account: 1e6, transactionLog: 1e6, asset: 1e6, depositRecords: 1e6, user: 1e6, market: 1e6 }, ipLimit: 1e6 };
const ADAPTER_TIMEOUT_MS = 400;

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  // One request in flight per bucket: nothing is already on the wire when a 429 answers.
  sync: { ...DEFAULT_SETTINGS.sync, pageSize: 50, symbolsPerBatch: 2, maxInFlightRequests: 1, manualCooldownSeconds: 0 },
  // Below the UI's minimums on purpose (the engine takes settings as given): fast retries and a short open breaker.
  retry: { pageAttempts: 5, pageBaseMs: 10, pageCapMs: 80, jobAttempts: 12, jobBaseMs: 50, jobCapMs: 200 },
  breaker: { failureThreshold: 3, openMs: 300, halfOpenTrials: 1, probeBaseMs: 300 },
};

type Exchange = 'binance' | 'bybit';

/** The paths a trades sync pages through, per exchange and market type. */
const TRADE_PATHS: Record<Exchange, { spot: string; linear: string }> = {
  binance: { spot: '/api/v3/myTrades', linear: '/fapi/v1/userTrades' },
  bybit: { spot: '/v5/execution/list', linear: '/v5/execution/list' },
};

/**
 * Which requests a Retry-After holds back. 'bucket': the rate bucket that answered (Binance: one per
 * API family /api, /fapi, /sapi; Bybit: one per endpoint group, e.g. /v5/execution). 'ip': an IP
 * ban covers every request to that exchange (the simulator bans the IP, as the exchanges do).
 */
function heldBack(scope: 'bucket' | 'ip', exchange: Exchange, hit: string, other: string): boolean {
  if (scope === 'ip') return true;
  const segment = (p: string): string => (exchange === 'bybit' ? p.split('/')[2] : p.split('/')[1]) ?? '';
  return segment(hit) === segment(other);
}

interface Run {
  sim: Simulator;
  store: DexieStore;
  engine: SyncEngine;
  job: Job;
  logs: SyncLog[];
  /** Every breaker phase seen per group, in order (events + a 5 ms poll). */
  phases: Map<string, BreakerPhase[]>;
  requests: LoggedRequest[];
  truthKeys: string[];
  storedKeys: string[];
}

interface Scenario {
  name: string;
  exchanges: readonly Exchange[];
  /** Called once the engine is running and the sync was requested (inject faults, skew the clock...). */
  arrange(sim: Simulator, exchange: Exchange, ctx: { restartSim(): Promise<Simulator> }): Promise<void> | void;
  /** Faults that answer with a Retry-After: [status or error code matcher, retry-after ms]. */
  retryAfter?: { match: (e: LoggedRequest) => boolean; ms: number; scope: 'bucket' | 'ip' };
  breaker: 'opens-and-closes' | 'stays-closed' | 'any';
  outcome: 'exact' | 'revoked';
  /** Error codes the failed attempts' SyncLogs must show (at least one of them). */
  logCodes?: readonly string[];
  /** SyncLog retries > 0 (page retries happened and were counted). */
  retries: boolean;
  /** Proof the fault really happened on the wire (a test whose fault never fires proves nothing). */
  fired: { what: (e: LoggedRequest) => boolean; atLeast: number };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

let dbSeq = 0;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));


async function runScenario(scenario: Scenario, exchange: Exchange): Promise<Run> {
  const simOptions = { history, binanceLimits: fastBinance, bybitLimits: fastBybit };
  let sim = await startSimulator(simOptions);
  const requests: LoggedRequest[] = [];
  const store = new DexieStore(newTestDb(`fault-matrix-${++dbSeq}`));
  const account: Account = {
    id: 'acc-1', exchange, label: 'Sim', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl,
    historyStart: history.start - DAY, symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null,
    createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null,
  };
  await store.putAccount(account);
  const phases = new Map<string, BreakerPhase[]>();
  const note = (status: EngineStatus): void => {
    for (const b of status.breakers) {
      const seen = phases.get(b.group) ?? [];
      if (seen[seen.length - 1] !== b.phase) seen.push(b.phase);
      phases.set(b.group, seen);
    }
  };
  const engine = createSyncEngine({
    store,
    adapters: (acc, gate) => Promise.resolve(createAdapter({
      accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: acc.testnet, baseUrl: acc.baseUrl,
      credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: ADAPTER_TIMEOUT_MS,
    })),
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'engine.status') note(payload as EngineStatus);
    },
    settings: () => settings,
  });
  let closed = false;
  cleanups.push(async () => {
    closed = true;
    await Promise.race([engine.stop(), sleep(1000)]);
    await sim.close();
    store.db.close();
  });
  const poll = (async () => {
    while (!closed) {
      note(engine.status());
      await sleep(5);
    }
  })();
  await engine.start();
  const { jobId } = await engine.request({ accountId: account.id, mode: 'trades' });
  await scenario.arrange(sim, exchange, {
    async restartSim() {
      requests.push(...sim.requestLog.entries);
      const port = sim.port;
      await sim.close();
      // Unreachable for a while: connections are refused, then the same exchange comes back.
      await sleep(900);
      sim = await startSimulator({ ...simOptions, port });
      return sim;
    },
  });
  const until = Date.now() + 30_000;
  let job: Job | null = null;
  for (;;) {
    job = await store.getJob(jobId);
    if (job !== null && (job.status === 'SUCCEEDED' || job.status === 'FAILED' || job.status === 'CANCELLED')) break;
    if (Date.now() > until) throw new Error(`job did not finish: ${JSON.stringify(job)}`);
    await sleep(20);
  }
  // Let the last status event land.
  await sleep(300);
  closed = true;
  await poll;
  note(engine.status());
  requests.push(...sim.requestLog.entries);
  return {
    sim, store, engine, job, phases, requests,
    logs: await store.listSyncLogs({ accountId: account.id }),
    truthKeys: groundTruthTradeKeys(sim.groundTruth(), exchange, account.id),
    storedKeys: (await store.db.trades.toCollection().primaryKeys()).map(String).sort(),
  };
}

const retryAfterSeconds = (ms: number): number => Math.ceil(ms / 1000) * 1000;

const tradesPath = (exchange: Exchange, market: 'spot' | 'linear'): string => TRADE_PATHS[exchange][market];

const inject = (sim: Simulator, exchange: Exchange, fault: Fault, market: 'spot' | 'linear', after: number, times: number): void =>
  sim.faults.inject(fault, { match: { exchange, path: tradesPath(exchange, market) }, after, times });

const isRateLimited = (e: LoggedRequest): boolean => e.status === 429 || e.errorCode === 10006;
const isBanned = (e: LoggedRequest): boolean => e.status === 418 || (e.exchange === 'bybit' && e.status === 403);

export const SCENARIOS: readonly Scenario[] = [
  {
    name: '429 storm (Retry-After 1 s, 4 in a row)',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'rateLimit', retryAfterMs: 1000 }, 'spot', 2, 4),
    retryAfter: { match: isRateLimited, ms: 1000, scope: 'bucket' },
    breaker: 'opens-and-closes', outcome: 'exact', logCodes: ['CIRCUIT_OPEN', 'EXCHANGE_RATE_LIMITED'], retries: true,
    fired: { what: isRateLimited, atLeast: 4 },
  },
  {
    name: '418/403 ban with Retry-After 2 s',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'ban', retryAfterMs: 2000 }, 'linear', 1, 1),
    retryAfter: { match: isBanned, ms: 2000, scope: 'ip' },
    breaker: 'stays-closed', outcome: 'exact', retries: true,
    fired: { what: isBanned, atLeast: 1 },
  },
  {
    name: '5xx burst (502 x5)',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'http', status: 502 }, 'spot', 1, 5),
    breaker: 'opens-and-closes', outcome: 'exact', logCodes: ['CIRCUIT_OPEN', 'EXCHANGE_TRANSIENT'], retries: true,
    fired: { what: (e) => e.status === 502, atLeast: 5 },
  },
  {
    name: 'timeouts (2 hung requests)',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'hang' }, 'spot', 1, 2),
    breaker: 'stays-closed', outcome: 'exact', retries: true,
    fired: { what: (e) => e.status === 0, atLeast: 2 },
  },
  {
    name: 'malformed JSON (an HTML page with 200)',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'http', status: 200 }, 'linear', 1, 2),
    breaker: 'stays-closed', outcome: 'exact', retries: true,
    fired: { what: (e) => e.status === 200 && e.weight === 0 && e.path.includes(TRADE_PATHS[e.exchange].linear), atLeast: 2 },
  },
  {
    name: 'truncated JSON (body cut in half)',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'malformed' }, 'spot', 2, 2),
    breaker: 'stays-closed', outcome: 'exact', retries: true,
    fired: { what: () => true, atLeast: 1 },
  },
  {
    name: 'maintenance (x4)',
    exchanges: ['binance', 'bybit'],
    arrange: (sim, ex) => inject(sim, ex, { kind: 'maintenance' }, 'linear', 1, 4),
    breaker: 'opens-and-closes', outcome: 'exact', logCodes: ['CIRCUIT_OPEN', 'EXCHANGE_MAINTENANCE'], retries: true,
    fired: { what: (e) => e.status === 503, atLeast: 4 },
  },
  {
    name: 'clock skew (server 5 s behind the client)',
    exchanges: ['binance', 'bybit'],
    async arrange(sim, ex) {
      // Mid-sync (the adapter syncs its clock when it starts): wait for the first trade pages.
      for (let i = 0; i < 500 && sim.requestLog.count(tradesPath(ex, 'spot')) < 1; i++) await sleep(5);
      sim.setClockSkew(-5000);
    },
    breaker: 'stays-closed', outcome: 'exact', retries: true,
    fired: { what: (e) => e.errorCode === -1021 || e.errorCode === 10002, atLeast: 1 },
  },
  {
    name: 'network: connection resets (x4), then the server is unreachable for ~1 s',
    exchanges: ['binance', 'bybit'],
    async arrange(sim, ex, ctx) {
      inject(sim, ex, { kind: 'reset' }, 'spot', 1, 4);
      // Take the exchange away once the resets were served and the sync got going again.
      for (let i = 0; i < 500 && (sim.faults.pending() > 0 || sim.requestLog.entries.filter((e) => e.status === 200).length < 8); i++) await sleep(5);
      await ctx.restartSim();
    },
    breaker: 'opens-and-closes', outcome: 'exact', logCodes: ['CIRCUIT_OPEN', 'EXCHANGE_TRANSIENT', 'TIMEOUT'], retries: true,
    fired: { what: (e) => e.status === 0, atLeast: 4 },
  },
  {
    name: 'revoked key mid-sync',
    exchanges: ['binance', 'bybit'],
    async arrange(sim, ex) {
      for (let i = 0; i < 500 && sim.requestLog.count(tradesPath(ex, 'spot')) < 1; i++) await sleep(5);
      sim.revokeKey(DEMO_CREDENTIALS.apiKey, 2);
    },
    breaker: 'any', outcome: 'revoked', logCodes: ['EXCHANGE_AUTH', 'EXCHANGE_PERMISSION'], retries: false,
    fired: { what: (e) => e.status === 401 || e.errorCode === -2015 || e.errorCode === 10003 || e.errorCode === 33004, atLeast: 1 },
  },
];

describe('fault matrix: simulator faults x exchanges, real adapters + engine + Dexie store', () => {
  for (const scenario of SCENARIOS) {
    for (const exchange of scenario.exchanges) {
      it(`${exchange}: ${scenario.name}`, async () => {
        const run = await runScenario(scenario, exchange);
        const { job, logs, requests } = run;

        // 1. Data: exactly the ground truth, or (revoked key) a whole prefix and a paused account.
        expect(new Set(run.storedKeys).size).toBe(run.storedKeys.length);
        const checkpoints = await run.store.getCheckpoints('acc-1', 'trades');
        const covered = checkpoints.reduce((n, c) => n + c.rowCount, 0);
        expect(covered, 'every stored row is covered by a committed checkpoint').toBe(run.storedKeys.length);
        if (scenario.outcome === 'exact') {
          expect(job.status, JSON.stringify(job.error)).toBe('SUCCEEDED');
          expect(run.storedKeys).toEqual(run.truthKeys);
        } else {
          expect(job.status).toBe('FAILED');
          expect((await run.store.getAccount('acc-1'))?.status).toBe('needs_credentials');
          expect(run.storedKeys.length).toBeLessThan(run.truthKeys.length);
          const truth = new Set(run.truthKeys);
          expect(run.storedKeys.filter((k) => !truth.has(k))).toEqual([]);
          // Stopped: nothing is sent after the key was refused.
          const refused = requests.findIndex((e) => e.status === 401 || e.errorCode === -2015 || e.errorCode === 10003 || e.errorCode === 33004);
          expect(refused).toBeGreaterThanOrEqual(0);
          // Per lane (spot and USD-M run side by side on Binance): what was on the wire or queued.
          expect(requests.length - refused).toBeLessThanOrEqual(settings.sync.maxInFlightRequests * 2 * 2);
        }

        // The fault really happened, and every injected rule was used up (a fault that never fires proves nothing).
        expect(requests.filter(scenario.fired.what).length, 'the fault fired on the wire').toBeGreaterThanOrEqual(scenario.fired.atLeast);
        expect(run.sim.faults.pending(), 'injected faults left unused').toBe(0);

        // 2. Never banned: nothing to the same bucket while a Retry-After it was sent is pending.
        if (scenario.retryAfter !== undefined) {
          const { match, ms, scope } = scenario.retryAfter;
          const hits = requests.filter(match);
          expect(hits.length, 'the fault fired').toBeGreaterThan(0);
          for (const hit of hits) {
            const inside = requests.filter((e) => e !== hit && e.exchange === hit.exchange && heldBack(scope, exchange, hit.path, e.path) && e.at > hit.at && e.at < hit.at + retryAfterSeconds(ms));
            expect(inside.map((e) => `${e.path} +${e.at - hit.at} ms (${e.status})`), `requests inside the Retry-After of ${hit.path} at ${hit.at}`).toEqual([]);
          }
        }

        // 3. Breakers: opened and closed again when the fault outlasts the threshold; untouched otherwise.
        const seen = [...run.phases.entries()];
        const final = run.engine.status().breakers;
        if (scenario.breaker === 'opens-and-closes') {
          expect(seen.some(([, p]) => p.includes('open')), `breaker phases: ${JSON.stringify(seen)}`).toBe(true);
          expect(final.every((b) => b.phase === 'closed'), JSON.stringify(final)).toBe(true);
        } else if (scenario.breaker === 'stays-closed') {
          expect(seen.filter(([, p]) => p.some((x) => x !== 'closed')), 'no breaker opened').toEqual([]);
        }

        // 4. The SyncLog tells the story.
        expect(logs.length).toBeGreaterThan(0);
        expect(logs.every((l) => l.finishedAt !== null)).toBe(true);
        const retries = logs.reduce((n, l) => n + l.stats.retries, 0);
        if (scenario.retries) expect(retries, 'page retries counted in the SyncLog').toBeGreaterThan(0);
        if (scenario.logCodes !== undefined) {
          const codes = logs.map((l) => l.error?.code).filter((c): c is NonNullable<typeof c> => c !== undefined);
          expect(codes.some((c) => scenario.logCodes?.includes(c)), `log error codes: ${JSON.stringify(codes)}`).toBe(true);
        }
        if (scenario.outcome === 'exact') {
          const last = logs.find((l) => l.attempt === job.attempt);
          expect(last?.status).toBe('SUCCEEDED');
          expect(logs.reduce((n, l) => n + l.stats.inserted, 0)).toBe(run.truthKeys.length);
        }
      }, 40_000);
    }
  }
});
