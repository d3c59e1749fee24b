import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../../shared/domain/types';
import { computeJournal } from '../../../../shared/journal/book';
import { sortFills } from '../../../../shared/journal/order';
import { fill, income } from '../../../../shared/journal/test-fixtures';
import { newTestDb } from '../../../db/test-support';
import { computePairs, computeSymbol } from './computeSymbol';
import type { SymbolResult } from './computeSymbol';
import { fillsInTimeOrder, incomeBySymbol } from './fillStream';

const T = Date.UTC(2026, 0, 1);

async function collect(gen: AsyncGenerator<Trade[]>): Promise<Trade[][]> {
  const out: Trade[][] = [];
  for await (const chunk of gen) out.push(chunk);
  return out;
}

describe('fillsInTimeOrder', () => {
  it('streams whole timestamp groups in exchange fill order across chunk boundaries', async () => {
    const db = newTestDb('fills');
    // Ids 8..12 share one timestamp: key order ("10" < "8") differs from fill order (8 < 10).
    const fills = [1, 2, 3, 8, 9, 10, 11, 12, 20, 21].map((id) => fill({ id, t: id >= 8 && id <= 12 ? T + 5000 : T + id * 1000, side: 'buy', price: 1, amount: 1 }));
    const other = fill({ id: 5, t: T, side: 'buy', price: 1, amount: 1, symbol: 'ETH/USDT:USDT' });
    await db.trades.bulkAdd([...fills, other]);
    const chunks = await collect(fillsInTimeOrder(db, 'acc1', 'BTC/USDT:USDT', 4));
    expect(chunks.flat().map((t) => t.tradeId)).toEqual(sortFills(fills).map((t) => t.tradeId));
    expect(chunks.flat().map((t) => t.tradeId)).toEqual(['1', '2', '3', '8', '9', '10', '11', '12', '20', '21']);
    // No timestamp is split between two chunks.
    const groups = chunks.map((c) => new Set(c.map((t) => t.timestamp)));
    for (let i = 1; i < groups.length; i++) for (const ts of groups[i] ?? []) expect(groups[i - 1]?.has(ts)).toBe(false);
  });

  it('yields nothing for a symbol without fills', async () => {
    const db = newTestDb('empty');
    expect(await collect(fillsInTimeOrder(db, 'acc1', 'BTC/USDT:USDT'))).toEqual([]);
  });

  it('groups an account’s funding and realized-P&L income by wanted symbol in one paged pass', async () => {
    const db = newTestDb('income');
    await db.income.bulkAdd([
      income({ id: 1, t: T, amount: -1, type: 'FUNDING_FEE' }),
      income({ id: 2, t: T + 1, amount: 5, type: 'REALIZED_PNL' }),
      income({ id: 3, t: T + 1, amount: 7, type: 'REALIZED_PNL', symbol: 'ETH/USDT:USDT' }),
      income({ id: 4, t: T + 2, amount: 9, type: 'COMMISSION' }),
      income({ id: 5, t: T + 3, amount: 9, type: 'FUNDING_FEE', accountId: 'acc2' }),
    ]);
    const bySymbol = await incomeBySymbol(db, 'acc1', new Set(['BTC/USDT:USDT']), 2);
    expect([...bySymbol.keys()]).toEqual(['BTC/USDT:USDT']);
    expect(bySymbol.get('BTC/USDT:USDT')?.map((i) => i.amount)).toEqual([-1, 5]);
  });
});

describe('computeSymbol', () => {
  const pair = { accountId: 'acc1', symbol: 'BTC/USDT:USDT', stamp: '2:x' };

  it('replays a futures symbol into positions, per-fill closes and a matching reconciliation', async () => {
    const db = newTestDb('compute');
    await db.trades.bulkAdd([
      fill({ id: 1, t: T, side: 'buy', price: 100, amount: 1, fee: 0.1 }),
      fill({ id: 2, t: T + 3_600_000, side: 'sell', price: 110, amount: 1, fee: 0.1, exchangeRealizedPnl: 10 }),
    ]);
    const incomes = [
      income({ id: 1, t: T + 1000, amount: -1, type: 'FUNDING_FEE' }),
      income({ id: 2, t: T + 3_600_000, amount: 10, type: 'REALIZED_PNL' }),
    ];
    const result = await computeSymbol(db, pair, incomes);
    expect(result.positions).toHaveLength(1);
    expect(result.positions[0]).toMatchObject({ status: 'closed', direction: 'long', realizedPnl: 10, funding: -1, avgEntryPrice: 100, avgExitPrice: 110 });
    expect(result.positions[0]?.netPnl).toBeCloseTo(10 - 0.2 - 1);
    expect([...result.closes]).toEqual([[fill({ id: 2, t: 0, side: 'sell', price: 1, amount: 1 }).key, 10]]);
    expect(result.reconciliation).toMatchObject({ computed: 10, fromIncome: 10, fromFills: 10, ok: true });
    expect(result.fills).toBe(2);
  });

  it('lists a difference when the exchange reports another realized P&L', async () => {
    const db = newTestDb('diff');
    await db.trades.bulkAdd([
      fill({ id: 1, t: T, side: 'sell', price: 100, amount: 2 }),
      fill({ id: 2, t: T + 1, side: 'buy', price: 90, amount: 2, exchangeRealizedPnl: 21 }),
    ]);
    const result = await computeSymbol(db, pair, [income({ id: 9, t: T + 1, amount: 25, type: 'REALIZED_PNL' })]);
    expect(result.reconciliation).toMatchObject({ computed: 20, incomeDiff: -5, fillsDiff: -1, ok: false });
    expect(result.fillDifferenceCount).toBe(1);
    expect(result.fillDifferences[0]).toMatchObject({ computed: 20, exchange: 21 });
  });

  it('spot symbols get round trips and no reconciliation', async () => {
    const db = newTestDb('spot');
    await db.trades.bulkAdd([
      fill({ id: 1, t: T, side: 'buy', price: 10, amount: 3, marketType: 'spot' }),
      fill({ id: 2, t: T + 1, side: 'sell', price: 12, amount: 3, marketType: 'spot' }),
    ]);
    const results: SymbolResult[] = [];
    await computePairs(db, [{ accountId: 'acc1', symbol: 'BTC/USDT', stamp: 's' }], (r) => results.push(r));
    expect(results).toHaveLength(1);
    expect(results[0]?.reconciliation).toBeNull();
    expect(results[0]?.positions[0]).toMatchObject({ kind: 'spot', status: 'closed', realizedPnl: 6 });
  });

  it('stops when cancelled', async () => {
    const db = newTestDb('cancel');
    await db.trades.bulkAdd([fill({ id: 1, t: T, side: 'buy', price: 1, amount: 1 })]);
    const controller = new AbortController();
    controller.abort();
    await expect(computePairs(db, [pair], () => undefined, controller.signal)).rejects.toThrow('Cancelled');
  });
});

describe('computePairs failures', () => {
  it('reports a symbol the P&L math refuses and still computes the others', async () => {
    const db = newTestDb('failure');
    await db.trades.bulkAdd([
      fill({ id: 1, t: T, side: 'buy', price: 0, amount: 1 }),
      fill({ id: 2, t: T, side: 'buy', price: 5, amount: 1, symbol: 'ETH/USDT:USDT' }),
    ]);
    const ok: string[] = [];
    const failed: string[] = [];
    await computePairs(db, [
      { accountId: 'acc1', symbol: 'BTC/USDT:USDT', stamp: 'a' },
      { accountId: 'acc1', symbol: 'ETH/USDT:USDT', stamp: 'b' },
    ], (r) => ok.push(r.symbol), undefined, (p, message) => failed.push(`${p.symbol} ${message}`));
    expect(ok).toEqual(['ETH/USDT:USDT']);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^BTC\/USDT:USDT .*cannot be used/);
  });
});

describe('streamed replay = whole-array replay', () => {
  it('gives the same positions and per-fill outcomes as computeJournal for shuffled fills with timestamp ties', async () => {
    const db = newTestDb('equivalence');
    // Deterministic pseudo-random walk with many equal timestamps and a few flips.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const fills: Trade[] = [];
    for (let i = 0; i < 600; i++) {
      fills.push(fill({ id: i + 1, t: T + Math.floor(i / 3) * 1000, side: rand() < 0.5 ? 'buy' : 'sell', price: 100 + Math.round(rand() * 1000) / 100, amount: 1 + Math.floor(rand() * 3), fee: 0.01 }));
    }
    const incomes = [income({ id: 1, t: T + 50_500, amount: -0.5, type: 'FUNDING_FEE' }), income({ id: 2, t: T + 150_500, amount: 0.25, type: 'FUNDING_FEE' })];
    await db.trades.bulkAdd([...fills].reverse());
    const streamed = await computeSymbol(db, { accountId: 'acc1', symbol: 'BTC/USDT:USDT', stamp: 's' }, incomes);
    const whole = computeJournal(fills, incomes);
    expect(streamed.positions).toEqual(whole.positions);
    const closes = [...whole.fills].filter(([, o]) => o.closedQty > 0).map(([k, o]) => [k, o.realizedPnl]);
    expect([...streamed.closes].sort()).toEqual(closes.sort());
  });
});
