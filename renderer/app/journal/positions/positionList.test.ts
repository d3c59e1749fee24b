import { describe, expect, it } from 'vitest';
import type { Position } from '../../../../shared/journal/types';
import { newLedgerRow } from '../../../db/ledger-store';
import type { LedgerRow } from '../../../db/records';
import { pairKey } from './pairs';
import type { SymbolResult } from './pairs';
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
  const ledger = (accountId: string, revision: number, status: LedgerRow['status'] = 'current'): LedgerRow => ({
    ...newLedgerRow(accountId, 'BTC/USDT', 'spot', status), revision,
  });
  const ledgers = [ledger('a1', 10), ledger('a2', 3, 'stale')];

  it('takes pairs from the ledgers and treats another revision as out of date', () => {
    const pairs = pairsFor(ledgers, null, 'BTC/USDT');
    expect(pairs).toEqual([{ accountId: 'a1', symbol: 'BTC/USDT', revision: 10, status: 'current' }, { accountId: 'a2', symbol: 'BTC/USDT', revision: 3, status: 'stale' }]);
    const cached = { [pairKey('a1', 'BTC/USDT')]: { accountId: 'a1', symbol: 'BTC/USDT', revision: 10 } as SymbolResult, [pairKey('a2', 'BTC/USDT')]: { accountId: 'a2', symbol: 'BTC/USDT', revision: 2 } as SymbolResult };
    expect(stalePairs(cached, pairs).map((p) => p.accountId)).toEqual(['a2']);
    expect(resultsFor(cached, pairsFor(ledgers, 'a1', null)).map((r) => r.accountId)).toEqual(['a1']);
  });
});
