import { describe, expect, it } from 'vitest';
import { zoneClock } from '../time/zone';
import { quarterEquity, statsFromQuarters } from './aggregate-stats';
import { aggregateMismatches } from '../../testing/journal/aggregate-mismatches';
import { closedQuartersOf, closedSymbolDaysOf, mergeQuarter, quarterKey, symbolGroups } from './closed-buckets';
import { filterClosed, type StatsFilter } from './stats';
import { closedPosition, seededRandom } from '../../testing/journal/fixtures';
import type { Position } from './types';

// Kathmandu is +05:45; New York and Lord Howe (a 30-minute DST shift) change offsets in the year.
const ZONES = ['UTC', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const START = Date.UTC(2025, 2, 1);

/** Random closed (and some open) positions over ~9 months: ties, several per quarter hour, break-evens, two quotes. */
function randomPositions(seed: number, count: number): Position[] {
  const rand = seededRandom(seed);
  const out: Position[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += [0, 1, 60_000, 7 * 60_000, 3_600_000, 20 * 3_600_000][Math.floor(rand() * 6)] ?? 0;
    const pnl = [0, 1e-12, -3.25, 12.5, -0.75, 4, 100.125, -60][Math.floor(rand() * 8)] ?? 0;
    out.push(closedPosition({
      id: `p${seed}-${i}`, closedAt: rand() < 0.05 ? null : t, netPnl: pnl, fees: Math.floor(rand() * 4) / 4, funding: rand() < 0.3 ? -0.5 : 0,
      accountId: rand() < 0.6 ? 'acc1' : 'acc2', symbol: ['BTC/USDT:USDT', 'ETH/USDT:USDT', 'ETH/BTC'][Math.floor(rand() * 3)] ?? 'X',
      quoteCurrency: rand() < 0.8 ? 'USDT' : 'USDC',
    }));
  }
  return out;
}

/** What the store reads for a filter, computed here from the positions (the day rows' edges as single positions). */
function fromRows(positions: readonly Position[], filter: StatsFilter, zone: string) {
  const selected = filterClosed(positions, filter);
  const bySymbol = symbolGroups(closedSymbolDaysOf(selected).values(), []);
  return statsFromQuarters(closedQuartersOf(positions).values(), bySymbol, filter, { timeZone: zone });
}

describe('statsFromQuarters equals computeStats', () => {
  for (const seed of [1, 2, 3]) {
    for (const zone of ZONES) {
      it(`on a random history in ${zone} (seed ${seed})`, () => {
        const positions = randomPositions(seed, 1500);
        expect(aggregateMismatches(fromRows(positions, {}, zone), positions, {}, { timeZone: zone })).toEqual([]);
        // The dashboard's range: midnights of the zone (whole quarter hours), one account.
        const clock = zoneClock(zone);
        const filter: StatsFilter = { from: clock.startOfDay('2025-03-09'), to: clock.startOfDay('2025-04-07'), accountIds: ['acc2'] };
        expect(aggregateMismatches(fromRows(positions, filter, zone), positions, filter, { timeZone: zone })).toEqual([]);
      });
    }
  }

  it('keeps largest win and loss exact: maxima per quarter hour, not sums', () => {
    const t = START + 5 * 60_000;
    const positions = [
      closedPosition({ id: 'a', closedAt: t, netPnl: 40 }), closedPosition({ id: 'b', closedAt: t + 1, netPnl: 60 }),
      closedPosition({ id: 'c', closedAt: t + 2, netPnl: -30 }), closedPosition({ id: 'd', closedAt: t + 3, netPnl: -70 }),
    ];
    const stats = statsFromQuarters(closedQuartersOf(positions).values(), null);
    expect([stats.trades, stats.largestWin, stats.largestLoss, stats.netPnl]).toEqual([4, 60, -70, 0]);
  });

  it('merges rows built from separate chunks into the rows of the whole', () => {
    const positions = randomPositions(9, 400);
    const whole = closedQuartersOf(positions);
    const merged = new Map(closedQuartersOf(positions.slice(0, 150)));
    for (const [k, row] of closedQuartersOf(positions.slice(150))) {
      const have = merged.get(k);
      merged.set(k, have === undefined ? row : mergeQuarter(have, row));
    }
    expect([...merged.keys()].sort()).toEqual([...whole.keys()].sort());
    const k = quarterKey('acc1', Math.floor((positions[10]?.closedAt ?? 0) / 900_000) * 900_000, 'USDT');
    expect(merged.get(k)?.largestWin ?? null).toBe(whole.get(k)?.largestWin ?? null);
  });

  it('measures drawdown at quarter-hour ends (documented resolution)', () => {
    // +10, then -8 and +8 inside the next quarter hour: per close the drawdown is 8, per quarter hour 0.
    const curve = quarterEquity(new Map([[0, 10], [900_000, 0]]), 0);
    expect(curve.maxDrawdown).toBe(0);
    expect(curve.equityCurve.map((p) => p.equity)).toEqual([10, 10]);
  });
});
