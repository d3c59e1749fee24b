import { describe, expect, it } from 'vitest';
import { buildCoverage } from './build';
import { CLOSE_FILL_TOLERANCE_MS, closedPnlCoverage, hasTimeNear } from './closed-pnl-gaps';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);
const BTC = 'BTC/USDT:USDT';

describe('closed P&L records without fills', () => {
  it('finds a stored fill near a close by binary search, within the tolerance only', () => {
    const times = [10, 200_000, 500_000];
    expect(hasTimeNear(times, 200_000 + CLOSE_FILL_TOLERANCE_MS, CLOSE_FILL_TOLERANCE_MS)).toBe(true);
    expect(hasTimeNear(times, 200_000 + CLOSE_FILL_TOLERANCE_MS + 1, CLOSE_FILL_TOLERANCE_MS)).toBe(false);
    expect(hasTimeNear(times, 0, CLOSE_FILL_TOLERANCE_MS)).toBe(true);
    expect(hasTimeNear([], 0, CLOSE_FILL_TOLERANCE_MS)).toBe(false);
    expect(hasTimeNear(times, 900_000, CLOSE_FILL_TOLERANCE_MS)).toBe(false);
  });

  it('groups consecutive uncovered closes into runs per symbol; a covered close ends a run', () => {
    const t = (d: number): number => NOW - d * DAY;
    const records = [t(50), t(40), t(30), t(20), t(10)].map((closedAt) => ({ symbol: BTC, closedAt }));
    records.push({ symbol: 'ETH/USDT:USDT', closedAt: t(5) });
    const fills: Record<string, number[]> = { [BTC]: [t(30) + 30_000] };
    const coverage = closedPnlCoverage(records, (s) => fills[s] ?? []);
    expect(coverage).toEqual([
      { symbol: BTC, first: t(50), last: t(10), records: 5, uncovered: [{ from: t(50), to: t(40), records: 2 }, { from: t(20), to: t(10), records: 2 }] },
      { symbol: 'ETH/USDT:USDT', first: t(5), last: t(5), records: 1, uncovered: [{ from: t(5), to: t(5), records: 1 }] },
    ]);
  });

  it('the map shows each run as a gap whose fix is the Bybit trade history for its dates, also for a contract with no fills at all', () => {
    const closedPnl = closedPnlCoverage([{ symbol: BTC, closedAt: NOW - 900 * DAY }, { symbol: 'ETH/USDT:USDT', closedAt: NOW - 800 * DAY }], (s) => (s === BTC ? [] : [NOW - 800 * DAY]));
    const map = buildCoverage({
      account: { id: 'a', exchange: 'bybit', historyStart: null }, now: NOW, fromFiles: [], checkpoints: [], firstFills: [], funding: [], balances: null, closedPnl,
      stored: [{ kind: 'futuresFills', key: 'ETH/USDT:USDT', first: NOW - 800 * DAY, last: NOW - 800 * DAY, rows: 1 }],
    });
    const futures = map.find((s) => s.kind.id === 'futuresFills');
    const btc = futures?.rows.find((r) => r.key === BTC);
    expect(btc?.rows).toBe(0);
    expect(btc?.gaps).toEqual([{
      type: 'closed-pnl-without-fills',
      message: `1 closed P&L record of ${BTC} from 2023-07-16 to 2023-07-16 has no stored fills: the positions they close are missing from the journal.`,
      action: expect.objectContaining({ kind: 'export', exportId: 'bybit', name: 'Bybit trade history', from: NOW - 900 * DAY, to: NOW - 900 * DAY }),
    }]);
    expect(futures?.rows.find((r) => r.key === 'ETH/USDT:USDT')?.gaps.filter((g) => g.type === 'closed-pnl-without-fills')).toEqual([]);
  });
});
