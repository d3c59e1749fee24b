/**
 * The Coverage tab's read (`readCoverage`, renderer/db/coverage.ts) at a large journal, on
 * fake-indexeddb (Node): how long one re-read takes, which is what every relevant store change
 * costs the live map. Measured without and with imported closed P&L rows (their gap check counts
 * the fills around each close, kept per symbol until its records or fills change:
 * renderer/db/closed-pnl-coverage.ts), and once more after a one-fill commit. Prints one JSON line.
 *   npx tsx bench/coverage-map.ts [--trades=200000] [--symbols=40] [--income=20000] [--flows=3000] [--closed=2000]
 * fake-indexeddb is a pure-JS IndexedDB: a regression signal, not Chromium's figure.
 */
import { performance } from 'node:perf_hooks';
import { closedPnlKey, type ClosedPnlRow } from '../shared/domain/closed-pnl-row';
import { assetFlowKey, incomeKey, tradeKey } from '../shared/domain/keys';
import type { AssetFlow, Income, Trade } from '../shared/domain/types';
import { tradeStatsDelta } from '../renderer/db/aggregates';
import { readCoverage } from '../renderer/db/coverage';
import { makeAccount } from '../testing/db/fixtures';
import { applyStatsDelta, statsTables } from '../renderer/db/stats-store';
import { newTestDb } from '../testing/db/test-support';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

const TRADES = arg('trades', 200_000);
const SYMBOLS = arg('symbols', 40);
const INCOME = arg('income', 20_000);
const FLOWS = arg('flows', 3000);
const CLOSED = arg('closed', 2000);
const NOW = Date.UTC(2026, 0, 1);
const SPAN = 2 * 365 * 86_400_000;
const ACCOUNT = 'acc1';
const symbol = (i: number): string => `C${i % SYMBOLS}/USDT:USDT`;
const at = (i: number, n: number): number => NOW - SPAN + Math.floor((i / Math.max(1, n)) * SPAN);

function trade(i: number): Trade {
  const s = symbol(i);
  const tradeId = `t${i}`;
  return {
    key: tradeKey('bybit', ACCOUNT, 'linear', s, tradeId), accountId: ACCOUNT, exchange: 'bybit', marketType: 'linear', symbol: s, tradeId, orderId: null,
    timestamp: at(i, TRADES), side: i % 2 === 0 ? 'buy' : 'sell', price: 100, amount: 1, cost: 100, feeCost: 0.05, feeCurrency: 'USDT', takerOrMaker: 'taker', exchangeRealizedPnl: i % 2 === 0 ? null : 1,
  };
}

async function median(runs: number, f: () => Promise<unknown>): Promise<{ cold: number; median: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  const [cold = 0, ...rest] = times;
  rest.sort((a, b) => a - b);
  return { cold: Math.round(cold), median: Math.round(rest[Math.floor(rest.length / 2)] ?? 0) };
}

async function main(): Promise<void> {
  const db = newTestDb('bench-coverage');
  const account = makeAccount(ACCOUNT, { exchange: 'bybit', marketTypes: ['linear'] });
  await db.accounts.put(account);
  const seed0 = performance.now();
  for (let i = 0; i < TRADES; i += 5000) {
    const rows = Array.from({ length: Math.min(5000, TRADES - i) }, (_, k) => trade(i + k));
    await db.transaction('rw', [db.trades, ...statsTables(db)], async () => {
      await db.trades.bulkAdd(rows);
      await applyStatsDelta(db, tradeStatsDelta(rows));
    });
  }
  const income: Income[] = Array.from({ length: INCOME }, (_, i) => {
    const incomeId = `f${i}`;
    return { key: incomeKey('bybit', ACCOUNT, 'FUNDING_FEE', incomeId), accountId: ACCOUNT, exchange: 'bybit', marketType: 'linear', symbol: symbol(i), incomeType: 'FUNDING_FEE', rawType: 'SETTLEMENT', incomeId, asset: 'USDT', amount: -0.01, timestamp: at(i, INCOME) };
  });
  await db.income.bulkAdd(income);
  const flows: AssetFlow[] = Array.from({ length: FLOWS }, (_, i) => {
    const flowId = `x${i}`;
    return { key: assetFlowKey('bybit', ACCOUNT, 'transfer', flowId), accountId: ACCOUNT, exchange: 'bybit', kind: 'transfer', rawType: 'TRANSFER_IN', flowId, timestamp: at(i, FLOWS), legs: [{ wallet: 'spot', asset: 'USDT', amount: 10 }] };
  });
  await db.assetFlows.bulkAdd(flows);
  const seedMs = Math.round(performance.now() - seed0);

  const without = await median(5, () => readCoverage(db, account, NOW));
  // Closed P&L rows over the same symbols and span: every other one far from any fill (a gap).
  const closed: ClosedPnlRow[] = Array.from({ length: CLOSED }, (_, i) => {
    const s = symbol(i);
    const rowId = `csv-closedpnl-${i}`;
    return {
      key: closedPnlKey('bybit', ACCOUNT, s, rowId), accountId: ACCOUNT, exchange: 'bybit', symbol: s, symbolId: s.split('/')[0] + 'USDT', rowId, orderId: null, closedSide: null,
      qty: 1, entryPrice: 100, exitPrice: 101, closedPnl: 1, openFee: null, closeFee: null, fundingFee: null, exitType: 'Trade', closedAt: at(i, CLOSED) + (i % 2 === 0 ? 0 : 7_000_000), openedAt: null,
    };
  });
  await db.closedPnlRecords.bulkAdd(closed);
  // Cold: every record counted; the median re-reads hit the per-symbol answers (nothing changed).
  const withClosed = await median(5, () => readCoverage(db, account, NOW));
  // A sync commit of one fill to one symbol: only that symbol's records are counted again.
  const commit = [trade(TRADES)];
  await db.transaction('rw', [db.trades, ...statsTables(db)], async () => {
    await db.trades.bulkAdd(commit);
    await applyStatsDelta(db, tradeStatsDelta(commit));
  });
  const t0 = performance.now();
  await readCoverage(db, account, NOW);
  const afterCommitMs = Math.round(performance.now() - t0);
  const sections = await readCoverage(db, account, NOW);
  const gaps = sections.find((s) => s.kind.id === 'futuresFills')?.rows.flatMap((r) => r.gaps.filter((g) => g.type === 'closed-pnl-without-fills')).length ?? 0;
  console.log(JSON.stringify({ bench: 'coverage-map', trades: TRADES, symbols: SYMBOLS, income: INCOME, flows: FLOWS, closedPnl: CLOSED, seedMs, readCoverageMs: without, withClosedPnlMs: withClosed, afterOneCommitMs: afterCommitMs, closedPnlGaps: gaps }));
  db.close();
}

void main();
