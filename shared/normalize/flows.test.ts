import { describe, expect, it } from 'vitest';
import { normalizeFlows } from './flows';
import { REASONS } from './report';

const now = 1_790_000_000_000;
const ctx = (kind: 'convert' | 'dust' | 'reward' | 'transfer') => ({ exchange: 'binance' as const, accountId: 'acc', now, kind });

describe('normalizeFlows', () => {
  it('keeps only conversions that succeeded and transfers that were confirmed (neither is an error)', () => {
    const convert = { quoteId: 'q1', orderStatus: 'FAIL', fromAsset: 'USDT', fromAmount: '5', toAsset: 'BTC', toAmount: '0.0001', createTime: now - 5 };
    expect(normalizeFlows([convert], ctx('convert'))).toEqual({ valid: [], invalid: [] });
    const transfer = { tranId: 7, type: 'MAIN_FUNDING', status: 'PENDING', asset: 'USDT', amount: '3', timestamp: now - 5 };
    expect(normalizeFlows([transfer], ctx('transfer'))).toEqual({ valid: [], invalid: [] });
  });

  it('maps wallet transfer types to legs; an unknown wallet is kept as other', () => {
    const row = (type: string, tranId: number) => ({ tranId, type, status: 'CONFIRMED', asset: 'USDT', amount: '3', timestamp: now - 5 });
    const { valid } = normalizeFlows([row('FUNDING_MAIN', 1), row('UMFUTURE_MAIN', 2), row('MAIN_MARGIN', 3)], ctx('transfer'));
    expect(valid.map((f) => f.legs.map((l) => `${l.wallet}${l.amount}`))).toEqual([['funding-3', 'spot3'], ['linear-3', 'spot3'], ['spot-3', 'other3']]);
  });

  it('a distribution with direction -1 leaves the wallet', () => {
    const { valid } = normalizeFlows([{ id: 9, amount: '2', asset: 'BNB', divTime: now - 5, enInfo: 'BNB Vault', tranId: 1, direction: -1 }], ctx('reward'));
    expect(valid[0]?.legs).toEqual([{ wallet: 'spot', asset: 'BNB', amount: -2 }]);
  });

  it('refuses rows it cannot trust, with a reason', () => {
    const { valid, invalid } = normalizeFlows([
      { quoteId: '', orderStatus: 'SUCCESS', fromAsset: 'USDT', fromAmount: '5', toAsset: 'BTC', toAmount: '1', createTime: now },
      { quoteId: 'q2', orderStatus: 'SUCCESS', fromAsset: 'USDT', fromAmount: 'x', toAsset: 'BTC', toAmount: '1', createTime: now },
      { quoteId: 'q3', orderStatus: 'SUCCESS', fromAsset: 'USDT', fromAmount: '5', toAsset: 'BTC', toAmount: '1', createTime: now + 86_400_000 },
    ], ctx('convert'));
    expect(valid).toEqual([]);
    expect(invalid.map((r) => r.reason).sort()).toEqual([REASONS.futureTimestamp, REASONS.missingId, REASONS.nonFinite].sort());
  });
});
