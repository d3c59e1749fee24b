import { afterEach, describe, expect, it } from 'vitest';
import type { Account, ExchangeId, Job } from '../../shared/domain/types';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import type { BatchCommit, StorePort } from '../../shared/store/port';
import { DexieStore } from '../../renderer/db/dexie-store';
import { derivedMismatches, newTestDb } from '../../testing/db/test-support';
import { fillPnlFor, pairPositions } from '../../renderer/db/derived-queries';
import { assetFlowKey, tradeKey } from '../../shared/domain/keys';
import type { AssetFlow } from '../../shared/domain/types';
import { computeJournal } from '../../shared/journal/book';
import { conversionsOf } from '../../shared/journal/conversions';
import { LedgerRebuilder } from '../../renderer/db/ledger-rebuilder';
import { reconcileBalances } from '../../shared/journal/balances';
import { reconcileAccountBalances } from '../../renderer/db/balance-history';
import { createAdapter } from '../exchange/create-adapter';
import { BybitAdapter } from '../exchange/bybit/adapter';
import { fetchClosedPnl } from '../exchange/bybit/closed-pnl';
import { PassThroughGate } from '../../testing/exchange/pass-through-gate';
import { reconcileClosedPnl } from '../../shared/journal/closed-pnl';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';
import { groundTruthTradeKeys } from '../../simulator/truth';
import { demoSimulatorOptions } from '../../simulator/demo';
import { createSyncEngine, type SyncEngine } from './engine';

/**
 * The engine end to end: real ccxt adapters over loopback HTTP against the simulator, the real
 * Dexie store on fake-indexeddb, real timers. Small histories and page sizes keep it fast.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 7, start: now - 40 * DAY, end: now - 60_000, listedSpot: 4, listedLinear: 3, tradedSpot: 2, tradedLinear: 2, trades: 180, deposits: 4, withdrawals: 2 };
const fastBinance = { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } };
const fastBybit = { limits: { execution: 1e6, account: 1e6, transactionLog: 1e6, asset: 1e6, depositRecords: 1e6, user: 1e6, market: 1e6 }, ipLimit: 1e6 };

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, pageSize: 50, symbolsPerBatch: 2, maxInFlightRequests: 2, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 200, jobBaseMs: 1000, jobCapMs: 2000 },
};

let dbSeq = 0;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

interface Setup {
  sim: Simulator;
  store: DexieStore;
  account: Account;
  events: { event: EventName; payload: unknown }[];
  engine(store?: StorePort, s?: Settings): SyncEngine;
  truthKeys(): Promise<string[]>;
  storedKeys(): Promise<string[]>;
}

async function setup(exchange: ExchangeId, simOptions: Parameters<typeof startSimulator>[0] = {}, historyStart: number | null = history.start - DAY): Promise<Setup> {
  const sim = await startSimulator({ history, binanceLimits: fastBinance, bybitLimits: fastBybit, ...simOptions });
  const store = new DexieStore(newTestDb(`sync-it-${++dbSeq}`));
  const account: Account = {
    id: 'acc-1', exchange, label: 'Sim', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl,
    historyStart, symbolScope: 'all', credentialRef: 'ref', status: 'active', scheduleMinutes: null,
    createdAt: now, updatedAt: now, lastAttemptAt: null, lastSuccessAt: null,
  };
  await store.putAccount(account);
  const events: Setup['events'] = [];
  const engines: SyncEngine[] = [];
  cleanups.push(async () => {
    // A "crashed" engine never finishes its hung commit: do not wait for it forever.
    await Promise.race([Promise.all(engines.map((e) => e.stop())), new Promise((r) => setTimeout(r, 500))]);
    await sim.close();
    store.db.close();
  });
  const make = (s: StorePort = store, st: Settings = settings): SyncEngine => {
    const engine = createSyncEngine({
      store: s,
      adapters: (acc, gate) => Promise.resolve(createAdapter({
        accountId: acc.id, exchange: acc.exchange, marketTypes: acc.marketTypes, testnet: acc.testnet, baseUrl: acc.baseUrl,
        credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 3000,
      })),
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
        events.push({ event, payload });
      },
      settings: () => st,
    });
    engines.push(engine);
    return engine;
  };
  return {
    sim, store, account, events, engine: make,
    async truthKeys() {
      return groundTruthTradeKeys(sim.groundTruth(), exchange, account.id);
    },
    async storedKeys() {
      return (await store.db.trades.toCollection().primaryKeys()).map(String).sort();
    },
  };
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function finished(store: StorePort, jobId: string, timeoutMs?: number): Promise<Job> {
  return waitFor(async () => {
    const j = await store.getJob(jobId);
    return j !== null && (j.status === 'SUCCEEDED' || j.status === 'FAILED' || j.status === 'CANCELLED') ? j : null;
  }, timeoutMs);
}

/** The stale pairs after a sync are exactly the spot pairs of the stored converts and dust; one rebuilder run makes them current. */
async function expectConversionPairsReplayed(s: Setup): Promise<void> {
  const conversions = conversionsOf(await s.store.db.assetFlows.toArray());
  const touched = new Set([...conversions.fills.map((f) => f.symbol), ...conversions.writeOffs.map((w) => w.symbol)]);
  const stale = (await s.store.db.ledgers.where('status').equals('stale').toArray()).map((l) => l.symbol);
  expect(stale.every((symbol) => touched.has(symbol))).toBe(true);
  const rebuilder = new LedgerRebuilder(s.store.db, { delayMs: 0 });
  await rebuilder.runNow();
  rebuilder.dispose();
  expect(await s.store.db.ledgers.where('status').notEqual('current').count()).toBe(0);
}

/**
 * Converts and dust are in the spot books: each traded spot pair's positions equal one pass over
 * the exchange's own ground truth (its fills as stored, its converts and dust as the simulator
 * drew them), and the converts on traded pairs really are in those positions.
 */
async function expectSpotBooksTakeConversions(s: Setup): Promise<void> {
  await expectConversionPairsReplayed(s);
  const truth = s.sim.groundTruth();
  const flows: AssetFlow[] = [
    ...truth.converts.map((c): AssetFlow => ({
      key: assetFlowKey(s.account.exchange, 'acc-1', 'convert', c.quoteId), accountId: 'acc-1', exchange: s.account.exchange, kind: 'convert', rawType: 'convert', flowId: c.quoteId, timestamp: c.time,
      legs: [{ wallet: 'spot', asset: c.fromAsset, amount: -Number(c.fromAmount) }, { wallet: 'spot', asset: c.toAsset, amount: Number(c.toAmount) }],
    })),
    ...truth.dust.map((d): AssetFlow => ({
      key: assetFlowKey(s.account.exchange, 'acc-1', 'dust', String(d.transId)), accountId: 'acc-1', exchange: s.account.exchange, kind: 'dust', rawType: 'dust', flowId: String(d.transId), timestamp: d.time,
      legs: [...d.details.map((x) => ({ wallet: 'spot' as const, asset: x.fromAsset, amount: -Number(x.amount) })), { wallet: 'spot', asset: 'BNB', amount: d.details.reduce((n, x) => n + Number(x.transferedAmount) - Number(x.serviceChargeAmount), 0) }],
    })),
  ];
  const conversions = conversionsOf(flows);
  const spotTrades = (await s.store.db.trades.toArray()).filter((t) => t.marketType === 'spot');
  const tradedPairs = new Set(spotTrades.map((t) => t.symbol));
  const onTradedPairs = conversions.fills.filter((f) => tradedPairs.has(f.symbol));
  expect(onTradedPairs.length).toBeGreaterThan(0);
  for (const symbol of tradedPairs) {
    const once = computeJournal([...spotTrades.filter((t) => t.symbol === symbol), ...conversions.fills.filter((f) => f.symbol === symbol)], [], {}, conversions.writeOffs.filter((w) => w.symbol === symbol));
    const stored = (await pairPositions(s.store.db, 'acc-1', symbol)).map(({ key: _key, ...p }) => p);
    expect(stored.map((p) => [p.id, p.status, p.fillCount])).toEqual(once.positions.map((p) => [p.id, p.status, p.fillCount]));
    stored.forEach((p, i) => {
      expect(p.openQty).toBeCloseTo(once.positions[i]?.openQty ?? NaN, 9);
      expect(p.realizedPnl).toBeCloseTo(once.positions[i]?.realizedPnl ?? NaN, 6);
    });
    const pnl = await fillPnlFor(s.store.db, onTradedPairs.filter((f) => f.symbol === symbol));
    for (const f of onTradedPairs.filter((c) => c.symbol === symbol && c.side === 'sell')) expect(pnl.get(f.key)).toBeCloseTo(once.fills.get(f.key)?.realizedPnl ?? NaN, 6);
  }
}

for (const exchange of ['binance', 'bybit'] as const) {
  describe(`integration (${exchange}): simulator + ccxt adapter + Dexie store`, () => {
    it('a full sync equals the ground truth; a rerun adds nothing', async () => {
      const s = await setup(exchange);
      const engine = s.engine();
      await engine.start();
      const job = await engine.request({ accountId: 'acc-1', mode: 'full' });
      const done = await finished(s.store, job.jobId);
      expect(done.error).toBeNull();
      expect(done.status).toBe('SUCCEEDED');
      expect(await s.storedKeys()).toEqual(await s.truthKeys());
      const truth = s.sim.groundTruth();
      expect(await s.store.db.movements.count()).toBe(truth.movements.length);
      expect(await s.store.db.income.count()).toBeGreaterThan(0);
      expect(await s.store.db.balances.count()).toBe(2);
      const log = await s.store.getSyncLog(`${job.jobId}#1`);
      expect(log?.stats.invalid).toBe(0);
      expect(log?.stats.requests).toBeGreaterThan(0);
      // A sync reads forward in time: every symbol's positions were derived batch by batch. Only the
      // spot pairs that converts and dust touch (wallet streams sync after the fills, so their rows
      // are older than the pair's last fill) wait for one replay, which the store worker's rebuilder runs.
      expect((await s.store.db.ledgers.toArray()).length).toBeGreaterThan(2);
      await expectConversionPairsReplayed(s);
      expect(await derivedMismatches(s.store.db)).toEqual([]);

      const counts = { trades: await s.store.db.trades.count(), income: await s.store.db.income.count(), movements: await s.store.db.movements.count() };
      const again = await engine.request({ accountId: 'acc-1', mode: 'full', force: true });
      expect((await finished(s.store, again.jobId)).status).toBe('SUCCEEDED');
      expect({ trades: await s.store.db.trades.count(), income: await s.store.db.income.count(), movements: await s.store.db.movements.count() }).toEqual(counts);
      const log2 = await s.store.getSyncLog(`${again.jobId}#1`);
      // only new balance snapshots (spot + linear) are inserted; overlapping windows show up as duplicates, never as rows
      expect(log2?.stats.inserted).toBe(2);
      expect(await derivedMismatches(s.store.db)).toEqual([]);
    });
  });
}

describe('integration: every kind of history, and balances that reconcile', () => {
  for (const [exchange, scenario] of [['binance', 'small'], ['bybit', 'small'], ['binance', 'default'], ['bybit', 'default'], ['demo', 'demo']] as const) {
    it(`${exchange} (${scenario} history): a full sync reconciles every asset to the exchange balance exactly`, async () => {
      // `default`: the simulator's own default history (85 days); `demo`: the demo exchange's, anchored to
      // the UTC day with its opening deposits an hour before its start. The account imports from 86 UTC
      // days back: `now - 86 days` would miss those deposits between 23:00 and midnight UTC.
      const s = scenario === 'small' ? await setup(exchange)
        : await setup(exchange, scenario === 'demo' ? { ...demoSimulatorOptions(now), latencyMs: 0 } : { history: undefined }, Math.floor(now / DAY) * DAY - 86 * DAY);
      const engine = s.engine();
      await engine.start();
      const job = await engine.request({ accountId: 'acc-1', mode: 'full' });
      const done = await finished(s.store, job.jobId, 60_000);
      expect(done.error).toBeNull();
      expect(await s.storedKeys()).toEqual(await s.truthKeys());
      const truth = s.sim.groundTruth();
      expect(await s.store.db.movements.count()).toBe(truth.movements.length);
      const flows = await s.store.db.assetFlows.toArray();
      if (exchange !== 'bybit') {
        // One record per convert, dust conversion, distribution and transfer, each under its unique key.
        expect(flows.filter((f) => f.kind === 'convert').map((f) => f.flowId).sort()).toEqual(truth.converts.map((c) => c.quoteId).sort());
        expect(flows.filter((f) => f.kind === 'dust').map((f) => f.flowId).sort()).toEqual(truth.dust.map((d) => String(d.transId)).sort());
        expect(flows.filter((f) => f.kind === 'reward').map((f) => f.flowId).sort()).toEqual(truth.dividends.map((d) => String(d.id)).sort());
        expect(flows.filter((f) => f.kind === 'transfer').map((f) => f.flowId).sort()).toEqual(truth.transfers.map((t) => String(t.tranId)).sort());
        const cps = await s.store.getCheckpoints('acc-1');
        expect(new Set(cps.map((c) => c.stream))).toEqual(new Set(['movements', 'income', 'trades', 'converts', 'dust', 'rewards', 'transfers']));
      } else {
        expect(flows).toEqual([]);
      }
      if (exchange !== 'bybit') await expectSpotBooksTakeConversions(s);
      // As the journal's balance view reads it (per account, through the store's indexes).
      const lines = await reconcileAccountBalances(s.store.db, s.account, Date.now());
      expect(lines.length).toBeGreaterThanOrEqual(3);
      expect(lines.filter((l) => l.cause !== 'matches')).toEqual([]);
      // The balance really came from every kind: without the wallet kinds Binance's spot wallet no longer adds up.
      if (exchange !== 'bybit') {
        const without = reconcileBalances({
          exchange, trades: await s.store.db.trades.toArray(), movements: await s.store.db.movements.toArray(), income: await s.store.db.income.toArray(),
          flows: [], snapshots: await s.store.db.balances.toArray(),
        });
        expect(without.filter((l) => l.cause === 'kind_not_imported').map((l) => l.asset)).toEqual(expect.arrayContaining(['BNB', 'USDT']));
      }
    });
  }
});

describe('integration (bybit): forced closes', () => {
  it('a liquidated and an auto-deleveraged position close in the journal with the realized P&L the exchange booked', async () => {
    const s = await setup('bybit');
    const engine = s.engine();
    await engine.start();
    const job = await engine.request({ accountId: 'acc-1', mode: 'full' });
    expect((await finished(s.store, job.jobId)).status).toBe('SUCCEEDED');
    const truth = s.sim.groundTruth();
    const forced = truth.trades.filter((t) => t.execType !== 'Trade');
    expect(new Set(forced.map((t) => t.execType))).toEqual(new Set(['AdlTrade', 'BustTrade']));
    const stored = await s.store.db.trades.where('key').anyOf(forced.map((t) => tradeKey('bybit', 'acc-1', 'linear', `${t.symbol.replace('USDT', '')}/USDT:USDT`, t.execId))).toArray();
    expect(stored).toHaveLength(forced.length);
    const pnl = await fillPnlFor(s.store.db, stored);
    for (const t of forced) {
      const fill = stored.find((f) => f.tradeId === t.execId);
      if (fill === undefined) throw new Error(`missing ${t.execId}`);
      // The fill that made it flat closed the position ...
      const positions = await pairPositions(s.store.db, 'acc-1', fill.symbol);
      const closed = positions.find((p) => p.closedAt === fill.timestamp && p.status === 'closed');
      expect(closed?.openQty).toBe(0);
      // ... and realized what the exchange booked for it (the transaction log's cashFlow).
      expect(pnl.get(fill.key)).toBeCloseTo(Number(t.realizedPnl), 6);
    }
    // No funding charge from the execution list became a fill.
    expect(await s.storedKeys()).toEqual(await s.truthKeys());
  });
});

describe('integration (bybit): closed P&L as a reconciliation source', () => {
  it('the exchange\'s closed P&L per symbol equals the journal\'s net P&L after a full sync', async () => {
    const s = await setup('bybit');
    const engine = s.engine();
    await engine.start();
    const job = await engine.request({ accountId: 'acc-1', mode: 'full' });
    expect((await finished(s.store, job.jobId)).status).toBe('SUCCEEDED');
    const gate = new PassThroughGate();
    const adapter = new BybitAdapter({ accountId: 'acc-1', exchange: 'bybit', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: s.sim.baseUrl, credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 3000 });
    const since = history.start - DAY;
    const records = await fetchClosedPnl(adapter, since, Date.now());
    // Every request went to the closed-pnl endpoint in windows of at most 7 days and pages of at most 100.
    const calls = s.sim.requestLog.entries.filter((e) => e.path === '/v5/position/closed-pnl');
    // ... each charged to its own bucket (the docs' rate-limit table gives closed-pnl its own row).
    expect(gate.costs.filter((c) => c.bucket === 'bybit:closed-pnl')).toHaveLength(calls.length);
    expect(calls.length).toBeGreaterThanOrEqual(6);
    for (const c of calls) {
      expect(Number(c.params['endTime']) - Number(c.params['startTime'])).toBeLessThanOrEqual(7 * DAY);
      expect(Number(c.params['limit'])).toBeLessThanOrEqual(100);
    }
    expect(records.length).toBeGreaterThan(3);
    const positions = (await s.store.db.positions.toArray()).filter((p) => p.marketType === 'linear');
    const symbolOf = (id: string): string => `${id.replace(/USDT$/, '')}/USDT:USDT`;
    const lines = reconcileClosedPnl(positions, records, symbolOf, since);
    expect(lines.length).toBe(2);
    for (const line of lines) {
      // Closed positions match exactly; a position still open carries a share of fees and funding in each partial close.
      if (line.cause === 'open_position') expect(positions.some((p) => p.symbol === line.symbol && p.status === 'open')).toBe(true);
      else expect(line).toMatchObject({ cause: 'matches' });
    }
    expect(lines.some((l) => l.cause === 'matches')).toBe(true);
    // The comparison is not vacuous: funding and fees are in the exchange's figure (the docs' net closed P&L).
    const matched = lines.filter((l) => l.cause === 'matches');
    expect(matched.some((l) => Math.abs(l.exchange - l.journalGross) > 0.01)).toBe(true);
  });
});

describe('integration: crash, rate-limit storms and revoked keys', () => {
  /** A store whose Nth commit dies: `midBatch` writes part of it inside the transaction first (rolled back by the failure). */
  function dyingAt(store: DexieStore, n: number, midBatch: boolean): StorePort {
    let count = 0;
    const port: StorePort = Object.create(store) as StorePort;
    port.commitBatch = async (batch: BatchCommit) => {
      count++;
      if (count < n) return store.commitBatch(batch);
      if (midBatch) {
        // A checkpoint without its key fails inside the transaction after the rows were added: Dexie rolls it all back.
        const poisoned = { ...batch, checkpoints: [...batch.checkpoints, { ...batch.checkpoints[0], key: undefined } as unknown as BatchCommit['checkpoints'][number]] };
        await store.commitBatch(poisoned).catch(() => undefined);
      }
      // The process is gone: this call never answers.
      return new Promise(() => undefined);
    };
    return port;
  }

  for (const midBatch of [false, true]) {
    it(`a crash ${midBatch ? 'mid-batch' : 'at a batch boundary'} resumes on a new engine and ends at exactly the ground truth`, async () => {
      const s = await setup('binance');
      const crashed = s.engine(dyingAt(s.store, 4, midBatch));
      await crashed.start();
      const job = await crashed.request({ accountId: 'acc-1', mode: 'trades' });
      await waitFor(async () => ((await s.store.db.trades.count()) > 0 && (await s.store.getJob(job.jobId))?.status === 'RUNNING' ? true : null));
      await new Promise((r) => setTimeout(r, 300));
      const partial = await s.store.db.trades.count();
      const truth = await s.truthKeys();
      expect(partial).toBeLessThan(truth.length);
      // every stored row is covered by a committed checkpoint (no partial batch survived)
      const cps = await s.store.getCheckpoints('acc-1', 'trades');
      expect(cps.reduce((n, c) => n + c.rowCount, 0)).toBe(partial);

      const fresh = s.engine();
      await fresh.start();
      const done = await finished(s.store, job.jobId);
      expect(done).toMatchObject({ status: 'SUCCEEDED', attempt: 2 });
      expect(await s.storedKeys()).toEqual(truth);
      const resumed = await s.store.getSyncLog(`${job.jobId}#2`);
      expect(resumed?.stats.duplicates).toBe(0);
      expect(resumed?.stats.inserted).toBe(truth.length - partial);
      expect(await derivedMismatches(s.store.db)).toEqual([]);
    });
  }

  it('429 and 418 storms: no request inside any Retry-After, and the sync still completes', async () => {
    const s = await setup('binance');
    s.sim.faults.inject({ kind: 'rateLimit', retryAfterMs: 1000 }, { match: { path: '/api/v3/myTrades' }, after: 2, times: 2 });
    s.sim.faults.inject({ kind: 'ban', retryAfterMs: 2000 }, { match: { path: '/fapi/v1/userTrades' }, after: 1, times: 1 });
    // One request in flight per bucket, so nothing was already on the wire when a 429 answered.
    const engine = s.engine(s.store, { ...settings, sync: { ...settings.sync, maxInFlightRequests: 1 } });
    await engine.start();
    const job = await engine.request({ accountId: 'acc-1', mode: 'trades' });
    const done = await finished(s.store, job.jobId);
    expect(done.status).toBe('SUCCEEDED');
    expect(await s.storedKeys()).toEqual(await s.truthKeys());
    const log = s.sim.requestLog.entries;
    const limited = log.filter((e) => e.status === 429 || e.status === 418);
    expect(limited.length).toBe(3);
    for (const hit of limited) {
      const prefix = hit.path.startsWith('/fapi/') ? '/fapi/' : '/api/';
      const retryMs = Math.ceil((hit.status === 418 ? 2000 : 1000) / 1000) * 1000;
      const inside = log.filter((e) => e.path.startsWith(prefix) && e.at > hit.at && e.at < hit.at + retryMs);
      expect(inside).toEqual([]);
    }
  });

  it('Bybit 10006 storm on execution/list: nothing sent to it inside Retry-After', async () => {
    const s = await setup('bybit');
    s.sim.faults.inject({ kind: 'rateLimit', retryAfterMs: 1000 }, { match: { path: '/v5/execution/list' }, after: 2, times: 3 });
    const engine = s.engine(s.store, { ...settings, sync: { ...settings.sync, maxInFlightRequests: 1 } });
    await engine.start();
    const job = await engine.request({ accountId: 'acc-1', mode: 'trades' });
    expect((await finished(s.store, job.jobId)).status).toBe('SUCCEEDED');
    expect(await s.storedKeys()).toEqual(await s.truthKeys());
    const log = s.sim.requestLog.entries.filter((e) => e.path.includes('/v5/execution/list'));
    const limited = log.filter((e) => e.errorCode === 10006);
    expect(limited.length).toBe(3);
    for (const hit of limited) expect(log.filter((e) => e.at > hit.at && e.at < hit.at + 1000)).toEqual([]);
  });

  it('a revoked key fails the job without retry and pauses the account', async () => {
    const s = await setup('binance');
    s.sim.revokeKey(DEMO_CREDENTIALS.apiKey, 6);
    const engine = s.engine();
    await engine.start();
    const job = await engine.request({ accountId: 'acc-1', mode: 'trades' });
    const done = await finished(s.store, job.jobId);
    expect(done).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(['EXCHANGE_AUTH', 'EXCHANGE_PERMISSION']).toContain(done.error?.code);
    expect((await s.store.getAccount('acc-1'))?.status).toBe('needs_credentials');
    expect(s.events.some((e) => e.event === 'notice')).toBe(true);
    // the log holds a sanitized message: no key, no signature
    const text = JSON.stringify(await s.store.listSyncLogs({ accountId: 'acc-1' }));
    expect(text).not.toContain(DEMO_CREDENTIALS.apiKey);
    expect(text).not.toContain('signature=');
  });
});
