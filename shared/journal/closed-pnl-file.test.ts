import { describe, expect, it } from 'vitest';
import { closedPnlKey, type ClosedPnlRow } from '../domain/closed-pnl-row';
import { OVERLAP_TOLERANCE_MS, overlapsPosition, reconcileImportedClosedPnl, summaryOnlyPnl } from './closed-pnl-file';
import { closedPosition, seededRandom } from '../../testing/journal/fixtures';
import type { Position } from './types';

const BTC = 'BTC/USDT:USDT';
const MIN = 60_000;

function row(id: string, closedAt: number, closedPnl: number, symbol = BTC, accountId = 'acc1'): ClosedPnlRow {
  const symbolId = symbol.split(':')[0]?.replace('/', '') ?? symbol;
  return { key: closedPnlKey('bybit', accountId, symbol, id), accountId, exchange: 'bybit', symbol, symbolId, rowId: id, orderId: null, closedSide: 'long', qty: 1, entryPrice: 1, exitPrice: 1, closedPnl, openFee: null, closeFee: null, fundingFee: null, exitType: 'Trade', closedAt, openedAt: null };
}

function position(id: string, openedAt: number, closedAt: number | null, netPnl: number, symbol = BTC): Position {
  return { ...closedPosition({ id, closedAt, netPnl, symbol }), openedAt };
}

describe('imported closed P&L against the journal (the API comparison, over the file window)', () => {
  it('matches per symbol; positions closed after the file are left out; older ones are beyond its window', () => {
    const rows = [row('a', 100 * MIN, 5), row('b', 200 * MIN, -2)];
    const positions = [position('p1', 90 * MIN, 100 * MIN, 5), position('p2', 150 * MIN, 200 * MIN, -2), position('p3', 300 * MIN, 400 * MIN, 50)];
    expect(reconcileImportedClosedPnl(positions, rows)).toEqual([{ symbol: BTC, exchange: 3, records: 2, journal: 3, journalGross: 3, diff: 0, cause: 'matches' }]);
    const early = [position('p0', 10 * MIN, 20 * MIN, 1), ...positions];
    expect(reconcileImportedClosedPnl(early, rows)[0]?.cause).toBe('history_beyond_window');
    expect(reconcileImportedClosedPnl(positions, [])).toEqual([]);
  });
});

describe('summary-only P&L: closes known only from the export', () => {
  it('a row overlaps a position of its account and symbol open at its close time (minute tolerance)', () => {
    const p = [position('p', 100 * MIN, 200 * MIN, 1)];
    expect(overlapsPosition(row('r', 200 * MIN + OVERLAP_TOLERANCE_MS, 1), p)).toBe(true);
    expect(overlapsPosition(row('r', 200 * MIN + OVERLAP_TOLERANCE_MS + 1, 1), p)).toBe(false);
    expect(overlapsPosition(row('r', 100 * MIN - OVERLAP_TOLERANCE_MS - 1, 1), p)).toBe(false);
    expect(overlapsPosition(row('r', 150 * MIN, 1, 'ETH/USDT:USDT'), p)).toBe(false);
    expect(overlapsPosition(row('r', 150 * MIN, 1, BTC, 'acc2'), p)).toBe(false);
    // An open position overlaps everything after its opening.
    expect(overlapsPosition(row('r', 10_000 * MIN, 1), [position('o', 100 * MIN, null, 0)])).toBe(true);
  });

  /**
   * Seeded property: each symbol's closes are sequential positions; the fills of a random subset
   * are stored (those positions exist), the export holds another random subset. The journal's
   * total plus the summary-only total counts every close that either source knows exactly once,
   * and storing the remaining fills empties the summary-only list.
   */
  it('counts every close once, whichever sources know it (300 seeded histories)', () => {
    let summaryRows = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rand = seededRandom(seed * 31 + 7);
      const closes: { id: string; symbol: string; openedAt: number; closedAt: number; pnl: number; filled: boolean; inFile: boolean }[] = [];
      for (const symbol of [BTC, 'ETH/USDT:USDT']) {
        let t = Math.floor(rand() * 1000) * MIN;
        for (let i = 0; i < 1 + Math.floor(rand() * 12); i++) {
          const openedAt = t + 3 * MIN + Math.floor(rand() * 600) * MIN;
          const closedAt = openedAt + Math.floor(rand() * 600) * MIN;
          t = closedAt;
          closes.push({ id: `${symbol}-${i}`, symbol, openedAt, closedAt, pnl: Math.round((rand() - 0.5) * 1e4) / 100, filled: rand() < 0.5, inFile: rand() < 0.7 });
        }
      }
      const positions = closes.filter((c) => c.filled).map((c) => position(c.id, c.openedAt, c.closedAt, c.pnl, c.symbol));
      // Bybit books the close at its closing order, up to the export's minute resolution later.
      const rows = closes.filter((c) => c.inFile).map((c) => row(c.id, Math.floor(c.closedAt / MIN) * MIN + (rand() < 0.5 ? 0 : MIN), c.pnl, c.symbol));
      const summary = summaryOnlyPnl(rows, positions);
      const counted = [...positions.map((p) => p.id), ...summary.rows.map((r) => r.rowId)].sort();
      const known = closes.filter((c) => c.filled || c.inFile).map((c) => c.id).sort();
      expect(counted, `seed ${seed}`).toEqual(known);
      const total = positions.reduce((s, p) => s + p.netPnl, 0) + summary.total;
      expect(total).toBeCloseTo(closes.filter((c) => c.filled || c.inFile).reduce((s, c) => s + c.pnl, 0), 6);
      expect(summary.bySymbol.reduce((s, b) => s + b.rows, 0)).toBe(summary.rows.length);
      const allFilled = closes.map((c) => position(c.id, c.openedAt, c.closedAt, c.pnl, c.symbol));
      expect(summaryOnlyPnl(rows, allFilled).rows).toEqual([]);
      summaryRows += summary.rows.length;
    }
    // Not vacuous: many closes were known only from the export.
    expect(summaryRows).toBeGreaterThan(300);
  });
});
