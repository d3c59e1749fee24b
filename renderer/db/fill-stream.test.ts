import { describe, expect, it } from 'vitest';
import type { Trade } from '../../shared/domain/types';
import { sortFills } from '../../shared/journal/order';
import { fill, income } from '../../testing/journal/fixtures';
import { fillsInTimeOrder, incomeBySymbol } from './fill-stream';
import { newTestDb } from '../../testing/db/test-support';

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
