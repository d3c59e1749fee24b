import { describe, expect, it } from 'vitest';
import type { Position } from '../../../../shared/journal/types';
import { emptyTotals } from '../../../db/aggregates';
import type { SymbolStats } from '../../../db/records';
import { pairKey } from './computeSymbol';
import type { SymbolResult } from './computeSymbol';
import { selectPositions } from './positionList';
import { resultsFor, stalePairs } from './positionsStore';
import { pairsFor } from './useSymbolPairs';

function position(id: string, openedAt: number, closedAt: number | null): Position {
  return { id, openedAt, closedAt, status: closedAt === null ? 'open' : 'closed' } as Position;
}

describe('positions list', () => {
  const list = [position('a', 1, 5), position('b', 2, null), position('c', 3, 4), position('d', 0, 5)];

  it('sorts newest first by close (or open) time, ties by id descending', () => {
    expect(selectPositions(list, 'all', null).map((p) => p.id)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('filters by status and by tagged ids', () => {
    expect(selectPositions(list, 'open', null).map((p) => p.id)).toEqual(['b']);
    expect(selectPositions(list, 'closed', new Set(['c', 'b'])).map((p) => p.id)).toEqual(['c']);
    expect(selectPositions(list, 'all', undefined)).toHaveLength(4);
  });
});

describe('positions cache', () => {
  const row = (accountId: string, count: number, lastTimestamp: number): SymbolStats => ({
    ...emptyTotals(), count, accountId, symbol: 'BTC/USDT', marketType: 'spot', firstTimestamp: 0, lastTimestamp,
  });
  const stats = [row('a1', 10, 99), row('a2', 3, 50)];

  it('stamps pairs from symbolStats and treats a changed stamp as stale', () => {
    const pairs = pairsFor(stats, null, 'BTC/USDT');
    expect(pairs).toEqual([{ accountId: 'a1', symbol: 'BTC/USDT', stamp: '10:99' }, { accountId: 'a2', symbol: 'BTC/USDT', stamp: '3:50' }]);
    const cached = { [pairKey('a1', 'BTC/USDT')]: { accountId: 'a1', symbol: 'BTC/USDT', stamp: '10:99' } as SymbolResult, [pairKey('a2', 'BTC/USDT')]: { accountId: 'a2', symbol: 'BTC/USDT', stamp: '2:40' } as SymbolResult };
    expect(stalePairs(cached, pairs).map((p) => p.accountId)).toEqual(['a2']);
    expect(resultsFor(cached, pairsFor(stats, 'a1', null)).map((r) => r.accountId)).toEqual(['a1']);
  });
});
