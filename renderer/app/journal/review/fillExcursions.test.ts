import { describe, expect, it } from 'vitest';
import type { AppApi } from '../../../../preload/api';
import { computeJournal } from '../../../../shared/journal/book';
import { fill } from '../../../../testing/journal/fixtures';
import type { Candle } from '../../../../shared/market/candles';
import { makeAccount, newTestDb } from '../../../../testing/db/test-support';
import { connectedJournalWriter } from '../../../../testing/db/journal-writer';
import { fillExcursions } from './fillExcursions';

const MIN = 60_000;
const T0 = Date.UTC(2024, 4, 6, 10, 0);

function flatApi(calls: { n: number }): AppApi {
  const candles = async (input: { from: number; to: number }) => {
    calls.n++;
    const out: Candle[] = [];
    for (let t = input.from; t <= input.to; t += MIN) out.push({ t, o: 100, h: 101, l: 99, c: 100, v: 1 });
    return { ok: true, value: { candles: out } };
  };
  return { market: { candles } } as unknown as AppApi;
}

describe('fillExcursions', () => {
  it('computes MAE/MFE for closed positions without one, skips open and already computed ones', async () => {
    const db = newTestDb('fill-excursions');
    const account = makeAccount('acc1', { exchange: 'binance' });
    const fills = [0, 1, 2].flatMap((i) => [
      fill({ id: `${i}a`, t: T0 + i * 60 * MIN, side: 'buy', price: 100, amount: 1, accountId: 'acc1' }),
      fill({ id: `${i}b`, t: T0 + i * 60 * MIN + 10 * MIN, side: 'sell', price: 100, amount: 1, accountId: 'acc1' }),
    ]);
    fills.push(fill({ id: 'open', t: T0 + 5 * 60 * MIN, side: 'buy', price: 100, amount: 1, accountId: 'acc1' }));
    const positions = computeJournal(fills).positions;
    expect(positions).toHaveLength(4);
    const calls = { n: 0 };
    const progress: [number, number][] = [];
    const done = await fillExcursions(db, connectedJournalWriter(db), flatApi(calls), () => account, positions, (d, t) => progress.push([d, t]), new AbortController().signal);
    expect(done).toBe(3);
    expect(progress.at(-1)).toEqual([3, 3]);
    // Entry 100, size 1: low 99 -> MAE -1, high 101 -> MFE +1.
    for (const p of positions.filter((x) => x.closedAt !== null)) expect(await db.excursions.get(p.id)).toMatchObject({ maeQuote: -1, mfeQuote: 1 });
    const again = await fillExcursions(db, connectedJournalWriter(db), flatApi(calls), () => account, positions, () => undefined, new AbortController().signal);
    expect(again).toBe(0);
    db.close();
  });

  it('stops when aborted', async () => {
    const db = newTestDb('fill-abort');
    const account = makeAccount('acc1', { exchange: 'binance' });
    const positions = computeJournal([
      fill({ id: 1, t: T0, side: 'buy', price: 100, amount: 1, accountId: 'acc1' }),
      fill({ id: 2, t: T0 + MIN, side: 'sell', price: 100, amount: 1, accountId: 'acc1' }),
    ]).positions;
    const abort = new AbortController();
    abort.abort();
    expect(await fillExcursions(db, connectedJournalWriter(db), flatApi({ n: 0 }), () => account, positions, () => undefined, abort.signal)).toBe(0);
    db.close();
  });
});
