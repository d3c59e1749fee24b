import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { parseClosedPnlRow, reconcileClosedPnl, type ClosedPnlRecord } from './closed-pnl';
import { closedPosition } from '../../testing/journal/fixtures';
import type { Position } from './types';

const symbolOf = (id: string): string => `${id.replace(/USDT$/, '')}/USDT:USDT`;
const record = (closedPnl: number, createdTime = 100, symbolId = 'BTCUSDT'): ClosedPnlRecord => ({ symbolId, orderId: 'o', closedSize: 1, closedPnl, openFee: null, closeFee: null, createdTime });
// realized 10, fees 1, funding -0.5 -> net 8.5
const closed = (over: Partial<Position> = {}): Position => ({ ...closedPosition({ id: 'p1', closedAt: 100, netPnl: 8.5, fees: 1, funding: -0.5 }), ...over });

describe('parseClosedPnlRow', () => {
  it('reads the docs example fields and refuses a row without closedPnl', () => {
    // Shaped like the docs' response example ("Get Closed PnL"): every number a string; openFee/closeFee as the Chinese page lists them.
    const row = { symbol: 'ETHPERP', orderId: '67836246-460e-4c52-a009-af0c3e1d12bc', side: 'Sell', qty: '3', orderPrice: '1878.15', orderType: 'Market', execType: 'Trade', closedSize: '3', cumEntryValue: '5742.53', avgEntryPrice: '1914.17666667', cumExitValue: '5742.83', avgExitPrice: '1914.27666667', closedPnl: '-3.1578', fillCount: '1', leverage: '2', openFee: '1.1', closeFee: '2.3', createdTime: '1684143300000', updatedTime: '1684143300000' };
    expect(parseClosedPnlRow(row)).toEqual({ symbolId: 'ETHPERP', orderId: '67836246-460e-4c52-a009-af0c3e1d12bc', closedSize: 3, closedPnl: -3.1578, openFee: 1.1, closeFee: 2.3, createdTime: 1684143300000 });
    expect(() => parseClosedPnlRow({ ...row, closedPnl: undefined })).toThrow(AppError);
  });
});

describe('reconcileClosedPnl', () => {
  it('matches the journal net P&L of closed positions (fees and funding included)', () => {
    expect(reconcileClosedPnl([closed()], [record(5), record(3.5)], symbolOf, 0)).toEqual([
      { symbol: 'BTC/USDT:USDT', exchange: 8.5, records: 2, journal: 8.5, journalGross: 10, diff: 0, cause: 'matches' },
    ]);
  });

  it('names the likely cause of a difference', () => {
    const cause = (positions: Position[], records: ClosedPnlRecord[], from = 0): string | undefined => reconcileClosedPnl(positions, records, symbolOf, from)[0]?.cause;
    expect(cause([closed()], [record(10)])).toBe('gross_only');
    // The exchange's figure without the -0.5 funding the journal attributed.
    expect(cause([closed()], [record(9)])).toBe('funding');
    expect(cause([closed({ closedAt: 50 })], [record(3)], 60)).toBe('history_beyond_window');
    expect(cause([closed({ status: 'open', closedAt: null, closedQty: 0.5 })], [record(4)])).toBe('open_position');
    expect(cause([closed()], [record(2)])).toBe('unexplained');
    // A symbol only the exchange knows: the journal has no fills of it.
    expect(reconcileClosedPnl([], [record(1, 5, 'ETHUSDT')], symbolOf, 0)).toMatchObject([{ symbol: 'ETH/USDT:USDT', journal: 0, cause: 'unexplained' }]);
  });
});
