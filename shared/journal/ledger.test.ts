import { describe, expect, it } from 'vitest';
import type { Income, MarketType } from '../domain/types';
import { computeJournal, mergeEvents } from './book';
import { conversionsOf } from './conversions';
import { fundingTarget } from './futures';
import { appendsInOrder, applyBatch, emptyLedger, historicalFunding, type PairLedger } from './ledger';
import { sortFills } from './order';
import { fill, income, randomHistory, seededRandom, spotFill, walletFlow } from '../../testing/journal/fixtures';
import type { Position } from './types';

/** Stand-in for the store's lookup: among stored positions opened before t, the one open at t. */
function lookup(stored: ReadonlyMap<string, Position>, t: number): Position | undefined {
  let found: Position | undefined;
  for (const p of stored.values()) if (p.openedAt < t && fundingTarget(p.closedAt, t)) found = p;
  return found;
}

interface Replay {
  ledger: PairLedger;
  positions: Map<string, Position>;
  closes: Map<string, number>;
}

/** Feeds a history in `cuts`-delimited fill batches; each funding row arrives with a random batch. */
function replayInBatches(seed: number, marketType: MarketType, fills: ReturnType<typeof randomHistory>): Replay {
  const rand = seededRandom(seed ^ 0x5bd1e995);
  const batches: { from: number; to: number; funding: Income[]; realized: Income[] }[] = [];
  let from = 0;
  while (from < fills.fills.length) {
    const to = Math.min(fills.fills.length, from + 1 + Math.floor(rand() * 40));
    batches.push({ from, to, funding: [], realized: [] });
    from = to;
  }
  batches.push({ from, to: from, funding: [], realized: [] }); // a last batch of late income only
  for (const f of fills.funding) batches[Math.floor(rand() * batches.length)]?.funding.push(f);
  for (const r of fills.realizedIncome) batches[Math.floor(rand() * batches.length)]?.realized.push(r);

  let ledger = emptyLedger('acc1', fills.fills[0]?.symbol ?? 'X', marketType);
  const positions = new Map<string, Position>();
  const closes = new Map<string, number>();
  for (const b of batches) {
    const storedTargets = new Map(historicalFunding(ledger, b.funding).map((f) => [f.key, lookup(positions, f.timestamp)]));
    const out = applyBatch(ledger, { fills: fills.fills.slice(b.from, b.to), funding: b.funding, realizedIncome: b.realized, storedTargets });
    ledger = structuredClone(out.ledger); // what the store keeps: structured-clonable data
    for (const p of out.positions) positions.set(p.id, p);
    for (const [k, v] of out.closes) closes.set(k, v);
  }
  return { ledger, positions, closes };
}

function expectSamePositions(actual: Position[], expected: Position[]): void {
  expect(actual.map((p) => p.id)).toEqual(expected.map((p) => p.id));
  expected.forEach((e, i) => {
    const a = actual[i] as Position;
    expect({ ...a, funding: 0, netPnl: 0, fundingOther: {} }).toEqual({ ...e, funding: 0, netPnl: 0, fundingOther: {} });
    // Funding may be summed in another order (a late row joins a stored position): equal to rounding.
    expect(a.funding).toBeCloseTo(e.funding, 9);
    expect(a.netPnl).toBeCloseTo(e.netPnl, 9);
    for (const [c, v] of Object.entries(e.fundingOther)) expect(a.fundingOther[c]).toBeCloseTo(v, 9);
    expect(Object.keys(a.fundingOther).sort()).toEqual(Object.keys(e.fundingOther).sort());
  });
}

const byOpening = (a: Position, b: Position) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('applyBatch: any split of a history equals one pass', () => {
  for (const marketType of ['linear', 'spot'] as const) {
    for (let seed = 1; seed <= 25; seed++) {
      it(`${marketType} seed ${seed}`, () => {
        const history = randomHistory(seed, { fills: 60 + seed * 7, marketType });
        const once = computeJournal(history.fills, history.funding);
        const replay = replayInBatches(seed, marketType, history);

        expectSamePositions([...replay.positions.values()].sort(byOpening), once.positions);
        const expectedCloses = new Map([...once.fills].filter(([, o]) => o.closedQty > 0).map(([k, o]) => [k, o.realizedPnl]));
        expect(replay.closes).toEqual(expectedCloses);

        const l = replay.ledger;
        expect(l.fills).toBe(history.fills.length);
        const unattributed = once.unattributedFunding.reduce((s, u) => s + u.amount, 0);
        expect(l.unattributedFunding + l.pendingUnattributedFunding).toBeCloseTo(unattributed, 9);
        expect(l.unmatchedSellQty).toBeCloseTo(once.unmatchedSells.reduce((s, u) => s + u.qty, 0), 9);
        if (marketType === 'linear') {
          expect(l.realizedComputed).toBeCloseTo([...once.fills.values()].reduce((s, o) => s + o.realizedPnl, 0), 9);
          expect(l.realizedFromIncome).toBeCloseTo(history.realizedIncome.reduce((s, r) => s + r.amount, 0), 9);
        }
      });
    }
  }
});

describe('applyBatch edges', () => {
  it('refuses fills older than the last applied one (the caller must recompute the pair)', () => {
    const first = applyBatch(emptyLedger('acc1', 'BTC/USDT:USDT', 'linear'), { fills: [fill({ id: 2, t: 20, side: 'buy', price: 10, amount: 1 })], funding: [], realizedIncome: [] });
    const older = fill({ id: 1, t: 10, side: 'sell', price: 10, amount: 1 });
    expect(appendsInOrder(first.ledger, [older])).toBe(false);
    expect(() => applyBatch(first.ledger, { fills: [older], funding: [], realizedIncome: [] })).toThrow(/full recompute/);
    // Same timestamp, lower id: also before.
    const tie = fill({ id: 1, t: 20, side: 'sell', price: 10, amount: 1 });
    expect(appendsInOrder(first.ledger, [tie])).toBe(false);
  });

  it('a late funding row for a closed position updates that stored position, and nothing else', () => {
    const l0 = emptyLedger('acc1', 'BTC/USDT:USDT', 'linear');
    const a = applyBatch(l0, { fills: [fill({ id: 1, t: 10, side: 'buy', price: 10, amount: 1 }), fill({ id: 2, t: 20, side: 'sell', price: 12, amount: 1 }), fill({ id: 3, t: 30, side: 'buy', price: 12, amount: 1 })], funding: [], realizedIncome: [] });
    const closed = a.positions.find((p) => p.status === 'closed') as Position;
    const late = income({ id: 'late', t: 15, amount: 0.25 });
    const none = income({ id: 'none', t: 25, amount: 1 });
    expect(historicalFunding(a.ledger, [late, none]).map((f) => f.key)).toEqual([late.key, none.key]);
    const b = applyBatch(a.ledger, { fills: [], funding: [late, none], realizedIncome: [], storedTargets: new Map([[late.key, closed], [none.key, undefined]]) });
    const updated = b.positions.find((p) => p.id === closed.id);
    expect(updated?.funding).toBeCloseTo(0.25, 12);
    expect(updated?.netPnl).toBeCloseTo(closed.netPnl + 0.25, 12);
    expect(closed.funding).toBe(0); // the input is not mutated
    expect(b.ledger.unattributedFunding).toBeCloseTo(1, 12);
  });

  it('a checkpoint is structured-clonable data with the live lots packed', () => {
    const out = applyBatch(emptyLedger('acc1', 'BTC/USDT', 'spot'), { fills: [spotFill({ id: 1, t: 1, side: 'buy', price: 10, amount: 2 }), spotFill({ id: 2, t: 2, side: 'buy', price: 12, amount: 1 }), spotFill({ id: 3, t: 3, side: 'sell', price: 13, amount: 1.5 })], funding: [], realizedIncome: [] });
    expect(structuredClone(out.ledger)).toEqual(out.ledger);
    expect(out.ledger.checkpoint).toMatchObject({ kind: 'spot', inventory: 1.5, lotQty: Float64Array.from([0.5, 1]), lotPrice: Float64Array.from([10, 12]) });
  });
});

describe('applyBatch with converts and dust (spot): any split equals one pass', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`seed ${seed}`, () => {
      const history = randomHistory(seed, { fills: 50 + seed * 5, marketType: 'spot' });
      const rand = seededRandom(seed * 7919);
      const times = history.fills.map((f) => f.timestamp);
      const flows = Array.from({ length: 4 + (seed % 5) }, (_, i) => {
        // Some at a fill's exact time (ordered against it by trade id), some between fills.
        const t = (times[Math.floor(rand() * times.length)] ?? 0) + (rand() < 0.5 ? 0 : 1);
        const roll = rand();
        if (roll < 0.4) return walletFlow({ kind: 'convert', id: `c${i}`, t, legs: [['USDT', -(100 + i)], ['BTC', 1 + i / 10]] });
        if (roll < 0.7) return walletFlow({ kind: 'convert', id: `c${i}`, t, legs: [['BTC', -(0.5 + i / 10)], ['USDT', 60 + i]] });
        return walletFlow({ kind: 'dust', id: `d${i}`, t, legs: [['BTC', -(0.001 + i / 1000)], ['USDT', -0.01], ['BNB', 0.0002]] });
      });
      const conv = conversionsOf(flows);
      const fills = sortFills([...history.fills, ...conv.fills]);
      const once = computeJournal(fills, [], {}, conv.writeOffs);

      const events = mergeEvents(fills, conv.writeOffs);
      let ledger = emptyLedger('acc1', 'BTC/USDT', 'spot');
      const positions = new Map<string, Position>();
      const closes = new Map<string, number>();
      for (let from = 0; from < events.length;) {
        const to = Math.min(events.length, from + 1 + Math.floor(rand() * 25));
        const part = events.slice(from, to);
        const out = applyBatch(ledger, {
          fills: part.flatMap((e) => (e.type === 'fill' ? [e.fill] : [])),
          writeOffs: part.flatMap((e) => (e.type === 'writeOff' ? [e.writeOff] : [])),
          funding: [], realizedIncome: [],
        });
        ledger = structuredClone(out.ledger);
        for (const p of out.positions) positions.set(p.id, p);
        for (const [k, v] of out.closes) closes.set(k, v);
        from = to;
      }
      expectSamePositions([...positions.values()].sort(byOpening), once.positions);
      expect(closes).toEqual(new Map([...once.fills].filter(([, o]) => o.closedQty > 0).map(([k, o]) => [k, o.realizedPnl])));
      expect(ledger.fills).toBe(events.length);
      expect(ledger.unmatchedSellQty).toBeCloseTo(once.unmatchedSells.reduce((s, u) => s + u.qty, 0), 9);
    });
  }

  it('a write-off older than the last applied fill needs a replay', () => {
    const a = applyBatch(emptyLedger('acc1', 'BTC/USDT', 'spot'), { fills: [spotFill({ id: 1, t: 10, side: 'buy', price: 10, amount: 1 })], funding: [], realizedIncome: [] });
    const [old] = conversionsOf([walletFlow({ kind: 'dust', id: 'd', t: 5, legs: [['BTC', -0.1], ['BNB', 0.001]] })]).writeOffs;
    expect(appendsInOrder(a.ledger, [], old === undefined ? [] : [old])).toBe(false);
    expect(() => applyBatch(a.ledger, { fills: [], writeOffs: old === undefined ? [] : [old], funding: [], realizedIncome: [] })).toThrow(/full recompute/);
  });
});
