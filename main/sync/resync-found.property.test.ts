import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryOptions } from '../../simulator';
import { BINANCE_TODAY_QUOTES } from '../../simulator/scenarios';
import { seededRandom } from '../../testing/journal/fixtures';
import { SIM_TEST_SETTINGS, simSession, type SimSession } from '../../testing/sync/simSession';
import { systemClock, type Clock } from './clock';

/**
 * Seeded property, end to end (the pure selection is shared/sync/resync-select.property.test.ts):
 * between background syncs the trader trades on random symbols of a Binance-shaped account
 * (five quote assets, a base sold to zero, delisted pairs): ordinary fills, buy+sell round trips
 * of equal size that leave the base balance where it was (on traded and never-traded pairs), and
 * fills on a pair delisted right after. The real engine, real ccxt and Dexie against the simulator
 * find each fill by the next sync when the balances show it, and within the verification period
 * otherwise (the clock is moved through the rotating 24 h slice, docs/SYNC-STATUS.md); no fill is
 * ever stored twice or invented. Engine and simulator share one clock that the test moves.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const settings = SIM_TEST_SETTINGS;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

type Action = 'fill' | 'roundTripTraded' | 'roundTripNew' | 'fillThenDelist';
const ACTIONS: readonly Action[] = ['fill', 'roundTripTraded', 'roundTripNew', 'fillThenDelist'];

async function run(seed: number): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const shift = { ms: 0 };
  const clock: Clock = { ...systemClock, now: () => Date.now() + shift.ms };
  const end = Date.now() - 60_000;
  // 14 traded pairs: BTC, ETH, BNB and SOL in every quote they pair with; SOL sold to zero.
  const history: HistoryOptions = {
    seed, start: end - 30 * DAY, end, listedSpot: 36, listedLinear: 0, tradedSpot: 14, tradedLinear: 0, trades: 280, deposits: 2, withdrawals: 1,
    quotes: BINANCE_TODAY_QUOTES, soldOut: 1, delistedSpot: { listed: 4, traded: 1 },
  };
  const s: SimSession = await simSession({
    sim: { history, clock: () => clock.now(), binanceLimits: { limits: { api: 1e6, fapi: 1e6, sapi: 1e6 } } },
    settings, dbName: `resync-found-${seed}`, account: { marketTypes: ['spot'] }, clock,
  });
  cleanups.push(() => s.close());

  const noneInvented = async (): Promise<Set<string>> => {
    const stored = await s.stored();
    const truth = new Set(s.truth());
    expect(stored.filter((k) => !truth.has(k))).toEqual([]);
    expect(new Set(stored).size).toBe(stored.length);
    return new Set(stored);
  };
  expect((await s.sync()).status).toBe('SUCCEEDED');
  expect(await s.stored()).toEqual(s.truth());

  const truth0 = s.sim.groundTruth();
  const balances = s.sim.state.wallets().binanceSpot;
  const listed = truth0.markets.filter((m) => m.marketType === 'spot' && m.delistedAt === undefined);
  const tradedIds = new Set(truth0.trades.map((t) => t.symbol));
  // Ordinary fills go to pairs whose base is held (a sell never takes a balance below zero).
  const held = listed.filter((m) => tradedIds.has(m.id) && (balances.get(m.base) ?? 0) > 0);
  // Round trips pay fees in BNB, so a BNB-based pair would show a base change.
  const untouched = listed.filter((m) => !tradedIds.has(m.id) && m.base !== 'BNB');
  const keyOf = (symbol: string, id: number): string => {
    const m = truth0.markets.find((x) => x.marketType === 'spot' && x.id === symbol);
    return `binance|acc-1|spot|${m?.base ?? ''}/${m?.quote ?? ''}|${id}`;
  };

  const eventually: string[] = [];
  for (let round = 0; round < 3; round++) {
    shift.ms += HOUR;
    const immediate: string[] = [];
    // The first round does each kind once; later ones 1-3 random kinds.
    const actions = round === 0 ? [...ACTIONS] : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(ACTIONS));
    for (const action of actions) {
      switch (action) {
        case 'fill': {
          const m = pick(held);
          immediate.push(...s.sim.addTrades({ marketType: 'spot', symbol: m.id, count: 1 + Math.floor(random() * 3) }).map((t) => keyOf(m.id, t.id)));
          break;
        }
        case 'roundTripTraded': {
          // The base stays, the quote moves and the pair holds fills: the quote is the evidence.
          const m = pick(listed.filter((x) => tradedIds.has(x.id) && x.base !== 'BNB'));
          immediate.push(...s.sim.state.addRoundTrip(m.id).map((t) => keyOf(m.id, t.id)));
          break;
        }
        case 'roundTripNew': {
          // No balance names a never-traded pair whose base did not move: only the rotation finds it.
          const m = pick(untouched);
          eventually.push(...s.sim.state.addRoundTrip(m.id).map((t) => keyOf(m.id, t.id)));
          break;
        }
        case 'fillThenDelist': {
          const m = pick(held);
          immediate.push(...s.sim.addTrades({ marketType: 'spot', symbol: m.id, count: 1 }).map((t) => keyOf(m.id, t.id)));
          s.sim.state.delist(m.id, clock.now() + 1);
          break;
        }
      }
    }
    shift.ms += 60_000;
    expect((await s.sync()).status).toBe('SUCCEEDED');
    const stored = await noneInvented();
    expect(immediate.filter((k) => !stored.has(k))).toEqual([]);
  }

  // Through the verification period in background-sync steps: everything is found by its end.
  for (const hours of [8, 8, 8, 1]) {
    shift.ms += hours * HOUR;
    expect((await s.sync()).status).toBe('SUCCEEDED');
    await noneInvented();
  }
  const stored = await noneInvented();
  expect(eventually.length).toBeGreaterThan(0);
  expect(eventually.filter((k) => !stored.has(k))).toEqual([]);
  expect([...stored].sort()).toEqual(s.truth());
}

describe('fills made between syncs are all found, none twice (real engine against the simulator)', () => {
  it.each([11, 29, 47])('seed %i', async (seed) => {
    await run(seed);
  }, 120_000);
});
