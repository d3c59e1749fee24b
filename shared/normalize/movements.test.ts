import { describe, expect, it } from 'vitest';
import { movementKey } from '../domain/keys';
import { normalizeMovements } from './movements';
import { REASONS } from './report';

const now = 1_790_000_000_000;
const ctx = { exchange: 'bybit' as const, accountId: 'acc', type: 'withdrawal' as const, now };
const tx = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'w1', txid: '0xabc', type: 'withdrawal', currency: 'USDT', amount: 100, fee: { cost: 1, currency: 'USDT' }, network: 'TRX', status: 'ok', timestamp: now - 5000, ...over,
});

describe('normalizeMovements', () => {
  it('maps a ccxt transaction', () => {
    const { valid } = normalizeMovements([tx()], ctx);
    expect(valid).toEqual([{ key: movementKey('bybit', 'acc', 'withdrawal', 'w1'), accountId: 'acc', exchange: 'bybit', type: 'withdrawal', movementId: 'w1', currency: 'USDT', amount: 100, fee: 1, network: 'TRX', txid: '0xabc', status: 'ok', timestamp: now - 5000 }]);
  });

  it('maps statuses conservatively', () => {
    const statuses = ['ok', 'pending', 'canceled', 'failed', 'rejected', undefined].map((status) => normalizeMovements([tx({ status })], ctx).valid[0]?.status);
    expect(statuses).toEqual(['ok', 'pending', 'canceled', 'failed', 'failed', 'failed']);
  });

  it('refuses rows with reasons', () => {
    const { valid, invalid } = normalizeMovements([tx({ id: null }), tx({ amount: 'NaN' }), tx({ type: 'deposit' }), tx({ currency: '' }), tx({ timestamp: now + 86_400_000 })], ctx);
    expect(valid).toEqual([]);
    expect(invalid.map((r) => r.reason).sort()).toEqual([REASONS.badCurrency, REASONS.futureTimestamp, REASONS.missingId, REASONS.nonFinite, REASONS.wrongType].sort());
  });
});
