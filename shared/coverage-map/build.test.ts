import { describe, expect, it } from 'vitest';
import { buildCoverage, type CoverageInput } from './build';
import { horizonTime } from './horizons';
import type { AssetFlow, BalanceSnapshot, Movement, Trade } from '../domain/types';
import { reconcileBalances } from '../journal/balances';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);

function input(over: Partial<CoverageInput> = {}): CoverageInput {
  return { account: { id: 'a', exchange: 'binance', historyStart: null }, now: NOW, stored: [], fromFiles: [], checkpoints: [], firstFills: [], funding: [], balances: null, ...over };
}

const section = (sections: ReturnType<typeof buildCoverage>, id: string) => {
  const s = sections.find((x) => x.kind.id === id);
  if (s === undefined) throw new Error(id);
  return s;
};

describe('API horizons', () => {
  it('per exchange and kind, Bybit classic accounts shorter', () => {
    expect(horizonTime('binance', 'futuresFills', NOW)).toBe(NOW - 183 * DAY);
    expect(horizonTime('binance', 'income', NOW)).toBe(NOW - 90 * DAY);
    expect(horizonTime('binance', 'spotFills', NOW)).toBeNull();
    expect(horizonTime('bybit', 'spotFills', NOW)).toBe(NOW - 730 * DAY);
    expect(horizonTime('bybit', 'spotFills', NOW, { classic: true })).toBe(NOW - 180 * DAY);
  });
});

describe('buildCoverage', () => {
  it('an API-only account: every kind with a horizon has a before-horizon gap naming the export and its dates', () => {
    const map = buildCoverage(input({ stored: [{ kind: 'futuresFills', key: 'BTC/USDT:USDT', first: NOW - 100 * DAY, last: NOW - DAY, rows: 40 }], checkpoints: [{ stream: 'trades', marketType: 'linear', symbol: 'BTC/USDT:USDT', lastTimestamp: NOW - DAY, updatedAt: NOW - 60_000 }] }));
    const futures = section(map, 'futuresFills');
    expect(futures.horizon).toBe(NOW - 183 * DAY);
    const [whole, btc] = futures.rows;
    expect(whole?.gaps[0]).toMatchObject({ type: 'before-horizon', action: { kind: 'export', exportId: 'binance-futures', from: null, to: NOW - 183 * DAY } });
    expect(btc).toMatchObject({ key: 'BTC/USDT:USDT', sources: ['api'], rows: 40, lastVerified: NOW - 60_000 });
    // Spot has no time horizon on Binance: no whole-kind gap.
    expect(section(map, 'spotFills').rows).toEqual([]);
    // Dust keeps only the last 100.
    // Dust: none before 2020-12-01 and only the newest 100 conversions; converts: sync's one-year look-back.
    expect(section(map, 'dust').horizon).toBe(Date.UTC(2020, 11, 1));
    expect(section(map, 'dust').rows[0]?.gaps.map((g) => g.type)).toEqual(['before-horizon', 'count-limit']);
    expect(section(map, 'converts').rows[0]?.gaps.map((g) => [g.type, g.action.kind === 'export' ? g.action.exportId : ''])).toEqual([['before-horizon', 'binance-statement']]);
    expect(section(map, 'transfers').horizon).toBe(NOW - 183 * DAY);
    expect(section(map, 'rewards').horizon).toBe(NOW - 5 * 365 * DAY);
  });

  it('a file that reaches back before the horizon closes the kind gap and marks its source', () => {
    const map = buildCoverage(input({
      stored: [{ kind: 'futuresFills', key: 'BTC/USDT:USDT', first: NOW - 400 * DAY, last: NOW - DAY, rows: 90 }],
      fromFiles: [{ kind: 'futuresFills', key: 'BTC/USDT:USDT', first: NOW - 400 * DAY, last: NOW - 150 * DAY, rows: 50 }],
      checkpoints: [{ stream: 'trades', marketType: 'linear', symbol: 'BTC/USDT:USDT', lastTimestamp: NOW - DAY, updatedAt: NOW }],
      funding: [{ kind: 'income', key: 'BTC/USDT:USDT', first: NOW - 400 * DAY, last: NOW - DAY, rows: 1000 }],
    }));
    const rows = section(map, 'futuresFills').rows;
    expect(rows.map((r) => r.key)).toEqual(['BTC/USDT:USDT']);
    expect(rows[0]).toMatchObject({ sources: ['api', 'file'], fileFirst: NOW - 400 * DAY, gaps: [] });
  });

  it('positions opened before the first fill, fills without funding, funding without fills', () => {
    const map = buildCoverage(input({
      stored: [
        { kind: 'spotFills', key: 'ETH/USDT', first: NOW - 10 * DAY, last: NOW - DAY, rows: 3 },
        { kind: 'futuresFills', key: 'BTC/USDT:USDT', first: NOW - 300 * DAY, last: NOW - 200 * DAY, rows: 5 },
        { kind: 'income', key: 'SOL/USDT:USDT', first: NOW - 20 * DAY, last: NOW - DAY, rows: 60 },
      ],
      firstFills: [
        { symbol: 'ETH/USDT', marketType: 'spot', side: 'sell', timestamp: NOW - 10 * DAY, exchangeRealizedPnl: null },
        { symbol: 'BTC/USDT:USDT', marketType: 'linear', side: 'buy', timestamp: NOW - 300 * DAY, exchangeRealizedPnl: 12 },
      ],
      funding: [{ kind: 'income', key: 'SOL/USDT:USDT', first: NOW - 20 * DAY, last: NOW - DAY, rows: 60 }],
    }));
    const eth = section(map, 'spotFills').rows.find((r) => r.key === 'ETH/USDT');
    expect(eth?.gaps).toEqual([expect.objectContaining({ type: 'opened-before-first-fill', action: expect.objectContaining({ exportId: 'binance-spot', from: null, to: NOW - 10 * DAY }) })]);
    const btc = section(map, 'futuresFills').rows.find((r) => r.key === 'BTC/USDT:USDT');
    expect(btc?.gaps.map((g) => g.type)).toEqual(['opened-before-first-fill', 'fills-without-income']);
    // 300 days ago is past the income horizon (90 days): the statement export, not a re-fetch.
    expect(btc?.gaps[1]?.action).toMatchObject({ kind: 'export', exportId: 'binance-statement', from: NOW - 300 * DAY, to: NOW - 200 * DAY });
    const sol = section(map, 'income').rows.find((r) => r.key === 'SOL/USDT:USDT');
    // 20 days ago is inside the futures-fill horizon: a re-fetch of trades serves it.
    expect(sol?.gaps).toEqual([expect.objectContaining({ type: 'income-without-fills', action: { kind: 'refetch', stream: 'trades', from: NOW - 20 * DAY, to: NOW - DAY } })]);
  });

  it('a history start after the horizon needs no export', () => {
    const map = buildCoverage(input({ account: { id: 'a', exchange: 'binance', historyStart: NOW - 30 * DAY } }));
    expect(section(map, 'futuresFills').rows).toEqual([]);
    expect(section(map, 'income').rows).toEqual([]);
  });

  it('balances come from the per-asset reconciliation (shared/journal/balances.ts): an asset the history does not add up to is a gap with the statement export', () => {
    const ethBuy: Trade = { key: 'k1', accountId: 'a', exchange: 'binance', marketType: 'spot', symbol: 'ETH/USDT', tradeId: '1', orderId: null, timestamp: NOW - DAY, side: 'buy', price: 100, amount: 2.5, cost: 250, feeCost: 0, feeCurrency: null, takerOrMaker: null, exchangeRealizedPnl: null };
    const deposit = (currency: string, amount: number): Movement => ({ key: `d-${currency}`, accountId: 'a', exchange: 'binance', type: 'deposit', movementId: currency, currency, amount, fee: 0, network: null, txid: null, status: 'ok', timestamp: NOW - 2 * DAY });
    const convert: AssetFlow = { key: 'f1', accountId: 'a', exchange: 'binance', kind: 'convert', rawType: 'convert', flowId: 'q1', timestamp: NOW - DAY, legs: [{ wallet: 'spot', asset: 'USDT', amount: -50 }, { wallet: 'spot', asset: 'BNB', amount: 0.1 }] };
    const snapshot: BalanceSnapshot = { key: 's', accountId: 'a', marketType: 'spot', timestamp: NOW - 60_000, balances: [['ETH', 2.5], ['USDT', 700], ['BNB', 0.1], ['SOL', 4]].map(([currency, total]) => ({ currency: String(currency), free: Number(total), used: 0, total: Number(total) })) };
    const lines = reconcileBalances({ exchange: 'binance', trades: [ethBuy], movements: [deposit('USDT', 1000), deposit('SOL', 1)], income: [], flows: [convert], snapshots: [snapshot] });
    const map = buildCoverage(input({ balances: { checkedAt: NOW - 60_000, lines } }));
    const rows = section(map, 'balances').rows;
    expect(rows.map((r) => [r.key, r.gaps.map((g) => g.type)])).toEqual([['BNB (spot)', []], ['ETH (spot)', []], ['SOL (spot)', ['balance-mismatch']], ['USDT (spot)', []]]);
    expect(rows[2]?.gaps[0]).toMatchObject({ message: expect.stringContaining('reports 4 SOL in the spot wallet; the stored history adds up to 1'), action: { kind: 'export', exportId: 'binance-statement', to: NOW - 60_000 } });
    // Not run yet (it reads the whole history): no rows, no false gaps.
    expect(section(buildCoverage(input()), 'balances').rows).toEqual([]);
  });

  it('income and movements are verified by their account-wide checkpoint; file-only rows are not called API rows', () => {
    const map = buildCoverage(input({
      stored: [{ kind: 'income', key: 'BTC/USDT:USDT', first: NOW - 10 * DAY, last: NOW - DAY, rows: 30 }, { kind: 'income', key: 'USDT', first: NOW - 400 * DAY, last: NOW - 399 * DAY, rows: 2 }],
      fromFiles: [{ kind: 'income', key: 'USDT', first: NOW - 400 * DAY, last: NOW - 399 * DAY, rows: 2 }],
      checkpoints: [{ stream: 'income', marketType: 'linear', symbol: '', lastTimestamp: NOW - DAY, updatedAt: NOW - 5_000 }],
    }));
    expect(section(map, 'income').rows.map((r) => [r.key, r.sources, r.lastVerified])).toEqual([
      ['BTC/USDT:USDT', ['api'], NOW - 5_000],
      ['USDT', ['file'], NOW - 5_000],
    ]);
  });
});
