import type { Account, Checkpoint, SyncLog, Trade } from '../../shared/domain/types';
import { emptyStats } from '../../shared/domain/types';
import { checkpointKey, tradeKey } from '../../shared/domain/keys';
import type { BatchCommit } from '../../shared/store/port';

/**
 * Deterministic sample records for tests and benchmarks. No fake-indexeddb here, so the Chromium
 * benchmark worker can bundle this file too.
 */

export const T0 = Date.UTC(2026, 0, 1);

export function makeAccount(id = 'acc1', over: Partial<Account> = {}): Account {
  return {
    id, exchange: 'demo', label: `Account ${id}`, marketTypes: ['spot'], testnet: false, baseUrl: null,
    historyStart: null, symbolScope: 'held', credentialRef: `tradelog:${id}`, status: 'active',
    scheduleMinutes: 60, createdAt: T0, updatedAt: T0, lastAttemptAt: null, lastSuccessAt: null, ...over,
  };
}

export function makeTrade(n: number, over: Partial<Trade> = {}): Trade {
  const accountId = over.accountId ?? 'acc1';
  const symbol = over.symbol ?? 'BTC/USDT';
  const tradeId = over.tradeId ?? String(n);
  const price = 100 + (n % 7);
  const amount = 1 + (n % 3);
  return {
    key: tradeKey('demo', accountId, 'spot', symbol, tradeId),
    accountId, exchange: 'demo', marketType: 'spot', symbol, tradeId, orderId: `o${n}`,
    timestamp: T0 + n * 60_000, side: n % 2 === 0 ? 'buy' : 'sell', price, amount, cost: price * amount,
    feeCost: 0.1, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: null,
    ...over,
  };
}

export function makeCheckpoint(accountId: string, symbol: string, fromId: string, over: Partial<Checkpoint> = {}): Checkpoint {
  return {
    key: checkpointKey(accountId, 'trades', 'spot', symbol), accountId, stream: 'trades', marketType: 'spot', symbol,
    cursor: { kind: 'fromId', fromId }, lastTimestamp: null, rowCount: 0, updatedAt: T0, ...over,
  };
}

export function makeLog(id = 'job1#1', accountId = 'acc1'): SyncLog {
  return {
    id, jobId: id.split('#')[0] ?? id, accountId, mode: 'trades', attempt: 1, startedAt: T0, finishedAt: null,
    status: 'RUNNING', error: null, stats: emptyStats(), symbolFailures: [], invalid: [],
  };
}

export function makeBatch(batchId: string, trades: Trade[], over: Partial<BatchCommit> = {}): BatchCommit {
  return {
    batchId, accountId: 'acc1', jobId: 'job1', logId: 'job1#1', trades, movements: [], income: [], balances: [],
    checkpoints: [], logDelta: { fetched: trades.length, invalid: 0, pages: 1, requests: 1, weight: 5, retries: 0 },
    symbolFailures: [], invalid: [], ...over,
  };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
