import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../testing/journal/fixtures';
import { zoneClock } from '../../shared/time/zone';
import { purgeCategory } from './account-admin';
import { DexieStore } from './dexie-store';
import { dailyTotals, tradeTotals } from './queries';
import { JournalDb } from './schema';
import { fakeIdbOptions, makeBatch, makeLog, makeTrade, newTestDb } from '../../testing/db/test-support';

/** Fill counts per day of the trader's zone, summed from the per account and UTC quarter hour totals. */

const ZONES = ['UTC', 'Asia/Shanghai', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe'];
const START = Date.UTC(2025, 2, 1);

let store: DexieStore | undefined;
afterEach(() => store?.close());

async function newStore(name: string, db: JournalDb = newTestDb(name)): Promise<DexieStore> {
  const s = new DexieStore(db, { now: () => 42 });
  await s.putSyncLog(makeLog());
  store = s;
  return s;
}

/** Trades every few hours over ~10 weeks (across New York's and Lord Howe's DST changes), two symbols. */
function randomTrades(seed: number, count: number) {
  const rand = seededRandom(seed);
  let t = START;
  return Array.from({ length: count }, (_, n) => {
    t += Math.floor(rand() * 9 * 3_600_000);
    return makeTrade(n, { timestamp: t, symbol: rand() < 0.5 ? 'BTC/USDT' : 'ETH/USDT' });
  });
}

describe('fills per day in the trader\'s zone (accountQuarterStats)', () => {
  it('a fill at 23:30 UTC is the next day in Shanghai and Kathmandu, the same day in New York', async () => {
    const s = await newStore('zone-days-late');
    const late = Date.UTC(2025, 5, 10, 23, 30);
    await s.commitBatch(makeBatch('b1', [makeTrade(1, { timestamp: late })]));
    const day = Math.floor(late / 86_400_000);
    const daysIn = async (zone: string) => (await dailyTotals(s.db, 'acc1', day - 1, day + 1, undefined, zone)).map((d) => [d.day - day, d.count]);
    expect(await daysIn('UTC')).toEqual([[0, 1]]);
    expect(await daysIn('Asia/Shanghai')).toEqual([[1, 1]]);
    expect(await daysIn('Asia/Kathmandu')).toEqual([[1, 1]]);
    expect(await daysIn('America/New_York')).toEqual([[0, 1]]);
    // A date range of that zone's next day counts it; with a symbol the days stay UTC.
    expect((await tradeTotals(s.db, { accountId: 'acc1', fromDay: day + 1, toDay: day + 1, timeZone: 'Asia/Shanghai' })).count).toBe(1);
    expect((await tradeTotals(s.db, { accountId: 'acc1', symbol: 'BTC/USDT', fromDay: day + 1, toDay: day + 1, timeZone: 'Asia/Shanghai' })).count).toBe(0);
  });

  it('equal counting each fill in its zone day, in several zones, and are removed by a purge', async () => {
    const s = await newStore('zone-days-random');
    const trades = randomTrades(5, 400);
    for (let i = 0; i < trades.length; i += 37) await s.commitBatch(makeBatch(`b${i}`, trades.slice(i, i + 37)));
    for (const zone of ZONES) {
      const clock = zoneClock(zone);
      const want = new Map<number, { count: number; volume: number }>();
      for (const t of trades) {
        const d = clock.parts(t.timestamp).dayNumber;
        const w = want.get(d) ?? { count: 0, volume: 0 };
        want.set(d, { count: w.count + 1, volume: w.volume + t.cost });
      }
      const days = [...want.keys()].sort((a, b) => a - b);
      const from = days[3] ?? 0;
      const to = days[days.length - 4] ?? 0;
      const got = await dailyTotals(s.db, 'acc1', from, to, undefined, zone);
      const expected = days.filter((d) => d >= from && d <= to).map((d) => [d, want.get(d)?.count]);
      expect(got.map((d) => [d.day, d.count])).toEqual(expected);
      const total = await tradeTotals(s.db, { fromDay: from, toDay: to, timeZone: zone });
      expect(total.count).toBe(expected.reduce((sum, [, c]) => sum + (c ?? 0), 0));
    }
    await purgeCategory(s.db, 'acc1', 'trades');
    expect(await s.db.accountQuarterStats.count()).toBe(0);
  });

  it('the v8 upgrade sums the trades a v7 journal stored', async () => {
    const options = fakeIdbOptions();
    const old = new JournalDb('zone-days-upgrade', options, 7);
    await old.open();
    const trades = randomTrades(6, 120);
    await old.trades.bulkPut(trades);
    old.close();
    const db = new JournalDb('zone-days-upgrade', options);
    await db.open();
    const got = await dailyTotals(db, 'acc1', -Infinity, Infinity, undefined, 'Asia/Kathmandu');
    expect(got.reduce((sum, d) => sum + d.count, 0)).toBe(120);
    db.close();
  });
});
