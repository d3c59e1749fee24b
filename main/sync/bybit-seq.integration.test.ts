import { afterEach, describe, expect, it } from 'vitest';
import type { Cursor } from '../../shared/domain/types';
import { tradeKey } from '../../shared/domain/keys';
import { computeJournal } from '../../shared/journal/book';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { fillPnlFor, pairPositions } from '../../renderer/db/derived-queries';
import { derivedMismatches } from '../../testing/db/test-support';
import { field, infoField, walk } from '../../testing/exchange/harness';
import { PassThroughGate } from '../../testing/exchange/pass-through-gate';
import { simSession } from '../../testing/sync/simSession';
import { DEMO_CREDENTIALS } from '../../simulator';
import type { SimTrade } from '../../simulator/types';
import { BybitAdapter } from '../exchange/bybit/adapter';

/**
 * Bybit's execution `seq` is shared by the fills of one match (SimTrade.crossSeq): the app must
 * not take it for a fill's identity or order. Real engine, real ccxt against the simulator, Dexie
 * on fake-indexeddb.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 7, start: now - 40 * DAY, end: now - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 2, trades: 220, deposits: 2, withdrawals: 1 };
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  sync: { ...DEFAULT_SETTINGS.sync, pageSize: 50, manualCooldownSeconds: 0 },
  retry: { ...DEFAULT_SETTINGS.retry, pageBaseMs: 10, pageCapMs: 200, jobBaseMs: 1000, jobCapMs: 2000 },
};
const fastBybit = { limits: { execution: 1e6, account: 1e6, transactionLog: 1e6, asset: 1e6, depositRecords: 1e6, user: 1e6, market: 1e6 }, ipLimit: 1e6 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

/** Fills of one order at one time, with more than one fill. */
function matchGroups(trades: readonly SimTrade[]): SimTrade[][] {
  const groups = new Map<string, SimTrade[]>();
  for (const t of trades) {
    const k = `${t.marketType}|${t.symbol}|${t.orderId}|${t.time}`;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

function unified(t: SimTrade): string {
  const base = t.symbol.replace(/USDT$/, '');
  return t.marketType === 'spot' ? `${base}/USDT` : `${base}/USDT:USDT`;
}

describe('integration (bybit): fills of one match share their execution seq', () => {
  it('the wire repeats seq across a taker order\'s same-time fills, and the journal still keeps every fill and books positions exactly', async () => {
    const session = await simSession({ sim: { history, bybitLimits: fastBybit }, settings, dbName: 'bybit-seq-1', account: { exchange: 'bybit' } });
    cleanups.push(() => session.close());
    const truth = session.sim.groundTruth().trades;
    const taker = matchGroups(truth).filter((g) => g.every((t) => !t.isMaker));
    const maker = matchGroups(truth).filter((g) => g.every((t) => t.isMaker));
    expect(taker.length).toBeGreaterThan(0);
    expect(maker.length).toBeGreaterThan(0);
    for (const g of taker) expect(new Set(g.map((t) => t.crossSeq)).size).toBe(1);
    for (const g of maker) expect(new Set(g.map((t) => t.crossSeq)).size).toBe(g.length);

    // On the wire: GET /v5/execution/list through ccxt, one linear symbol with a shared seq.
    const linearGroup = taker.find((g) => g[0]?.marketType === 'linear');
    if (linearGroup === undefined) throw new Error('no linear taker order with several fills');
    const first = linearGroup[0] as SimTrade;
    const adapter = new BybitAdapter({
      accountId: 'acc-1', exchange: 'bybit', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: session.sim.baseUrl,
      credentials: { ...DEMO_CREDENTIALS }, gate: new PassThroughGate(), timeoutMs: 3000,
    });
    const page = (cursor: Cursor | null) => adapter.fetchTradesPage({ marketType: 'linear', symbol: unified(first), cursor, since: history.start - DAY, limit: 50, now: Date.now() });
    const rows = (await walk(page, null)).rows.filter((r) => infoField(r, 'execType') !== 'Funding');
    const wire = rows.filter((r) => infoField(r, 'orderId') === String(first.orderId));
    expect(wire.map((r) => String(field(r, 'id'))).sort()).toEqual(linearGroup.map((t) => t.execId).sort());
    expect(new Set(wire.map((r) => String(infoField(r, 'seq'))))).toEqual(new Set([String(first.crossSeq)]));
    // So seq is no key: more fills than distinct seqs on this symbol, every fill still its own row.
    expect(new Set(rows.map((r) => String(infoField(r, 'seq')))).size).toBeLessThan(rows.length);
    expect(new Set(rows.map((r) => String(field(r, 'id')))).size).toBe(rows.length);

    const job = await session.sync('full');
    expect(job.error).toBeNull();
    expect(await session.stored()).toEqual(session.truth());
    expect(await derivedMismatches(session.store.db)).toEqual([]);
    // Every fill of a shared-seq match is a fill of its own in the journal ...
    const sharedKeys = taker.flat().map((t) => tradeKey('bybit', 'acc-1', t.marketType, unified(t), t.execId));
    const stored = await session.store.db.trades.where('key').anyOf(sharedKeys).toArray();
    expect(stored.map((t) => t.key).sort()).toEqual([...sharedKeys].sort());
    // ... and each linear one that closed (part of) a position realized what the exchange booked for it.
    const pnl = await fillPnlFor(session.store.db, stored.filter((t) => t.marketType === 'linear'));
    const closing = taker.flat().filter((x) => x.marketType === 'linear' && Number(x.closedQty) > 0);
    expect(closing.length).toBeGreaterThan(0);
    for (const t of closing) {
      expect(pnl.get(tradeKey('bybit', 'acc-1', 'linear', unified(t), t.execId))).toBeCloseTo(Number(t.realizedPnl), 6);
    }
    // The stored positions are one pass over the stored fills, pair by pair.
    const all = await session.store.db.trades.toArray();
    for (const symbol of new Set(all.filter((t) => t.marketType === 'linear').map((t) => t.symbol))) {
      const once = computeJournal(all.filter((t) => t.symbol === symbol), [], {}, []);
      const positions = await pairPositions(session.store.db, 'acc-1', symbol);
      expect(positions.map((p) => [p.id, p.status, p.fillCount])).toEqual(once.positions.map((p) => [p.id, p.status, p.fillCount]));
      positions.forEach((p, i) => expect(p.realizedPnl).toBeCloseTo(once.positions[i]?.realizedPnl ?? NaN, 6));
    }
  });
});
