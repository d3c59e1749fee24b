import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor } from '../../../shared/domain/types';
import type { RateObservation, RequestCost, RequestGate } from '../adapter';
import { createAdapter } from '../create-adapter';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../../simulator/server';
import { field, infoField, walk } from '../../../testing/exchange/harness';

/**
 * A gate like the engine's limiter: one request at a time, each next one started from the
 * previous one's completion, so it runs in that earlier request's async context (as a scheduler's
 * queue does). Two pages fetched concurrently must still each read their own response: before the
 * fix the adapter took the page cursor from a per-call capture, which then belonged to the other
 * call, ended a window early and lost its remaining pages.
 */
class ChainingGate implements RequestGate {
  private queue: (() => void)[] = [];
  private busy = false;

  run<T>(_cost: RequestCost, send: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => {
        send().then(resolve, reject).finally(() => {
          this.busy = false;
          this.next();
        });
      });
      if (!this.busy) this.next();
    });
  }

  private next(): void {
    const job = this.queue.shift();
    if (job === undefined) return;
    this.busy = true;
    job();
  }

  observe(_bucket: string, _observation: RateObservation): void {
    // Limits are not under test here.
  }
}

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 5, start: now - 6 * DAY, end: now - 60_000, listedSpot: 3, listedLinear: 2, tradedSpot: 2, tradedLinear: 0, trades: 120, deposits: 0, withdrawals: 0 };

describe('Bybit adapter under a chaining scheduler', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ history, bybitLimits: { limits: { execution: 1e6, account: 1e6, transactionLog: 1e6, asset: 1e6, depositRecords: 1e6, user: 1e6, market: 1e6 }, ipLimit: 1e6 } });
  });
  afterAll(async () => sim.close());

  it('two symbols paged concurrently each get every fill (pages read their own response)', async () => {
    const adapter = createAdapter({
      accountId: 'acc-1', exchange: 'bybit', marketTypes: ['spot'], testnet: false, baseUrl: sim.baseUrl, credentials: { ...DEMO_CREDENTIALS }, gate: new ChainingGate(), timeoutMs: 3000,
    });
    await adapter.loadMarkets();
    const t = Date.now();
    const fetchAll = (symbol: string) => walk((cursor: Cursor | null) => adapter.fetchTradesPage({ marketType: 'spot', symbol, cursor, since: history.start - DAY, limit: 7, now: t }), null);
    const [btc, eth] = await Promise.all([fetchAll('BTC/USDT'), fetchAll('ETH/USDT')]);
    for (const [res, id, symbol] of [[btc, 'BTCUSDT', 'BTC/USDT'], [eth, 'ETHUSDT', 'ETH/USDT']] as const) {
      const truth = sim.groundTruth().trades.filter((x) => x.marketType === 'spot' && x.symbol === id).map((x) => x.execId).sort();
      expect(truth.length).toBeGreaterThan(14);
      expect(res.rows.every((r) => field(r, 'symbol') === symbol && infoField(r, 'symbol') === id)).toBe(true);
      expect(res.rows.map((r) => String(field(r, 'id'))).sort()).toEqual(truth);
    }
  });
});
