import { describe, expect, it } from 'vitest';
import { tradeKey } from '../../domain/keys';
import type { Trade } from '../../domain/types';
import { importTradesCsv } from './import';
import { type ApiReach, fillFingerprint, matchFileTrades, planFileTrades, timeResolution } from './match';
import { seededRandom as prng } from '../../../testing/journal/fixtures';


const ACCOUNT = 'acc';
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'];
const SPAN = 30 * 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

interface TrueFill { id: number; symbol: string; side: 'buy' | 'sell'; timestamp: number; price: number; amount: number }

function history(rand: () => number): TrueFill[] {
  const fills: TrueFill[] = [];
  const n = 5 + Math.floor(rand() * 60);
  for (let i = 0; i < n; i++) {
    const prev = fills[fills.length - 1];
    if (prev !== undefined && rand() < 0.2) {
      // A genuinely identical fill: same second, price and quantity (another partial fill of one order).
      fills.push({ ...prev, id: i, timestamp: Math.floor(prev.timestamp / 1000) * 1000 + Math.floor(rand() * 1000) });
      continue;
    }
    fills.push({ id: i, symbol: SYMBOLS[Math.floor(rand() * SYMBOLS.length)] ?? 'BTC/USDT', side: rand() < 0.5 ? 'buy' : 'sell', timestamp: T0 + Math.floor(rand() * SPAN), price: Math.round(1000 + rand() * 1000) / 10, amount: Math.round(1 + rand() * 999) / 1000 });
  }
  return fills;
}

function apiTrade(f: TrueFill): Trade {
  const tradeId = `api-${f.id}`;
  const [base, quote] = f.symbol.split('/');
  return { key: tradeKey('binance', ACCOUNT, 'spot', f.symbol, tradeId), accountId: ACCOUNT, exchange: 'binance', marketType: 'spot', symbol: f.symbol, tradeId, orderId: null, timestamp: f.timestamp, side: f.side, price: f.price, amount: f.amount, cost: f.price * f.amount, feeCost: 0, feeCurrency: quote ?? base ?? null, takerOrMaker: null, exchangeRealizedPnl: null };
}

/** The Binance spot trade history export of these fills (times in whole seconds, as Binance writes them). */
function exportFile(fills: readonly TrueFill[]): string {
  const rows = [...fills].sort((a, b) => a.timestamp - b.timestamp).map((f) => {
    const [base, quote] = f.symbol.split('/');
    const t = new Date(Math.floor(f.timestamp / 1000) * 1000).toISOString().replace('T', ' ').slice(0, 19);
    return `${t},${base}${quote},${f.side.toUpperCase()},${f.price},${f.amount}${base},${f.price * f.amount}${quote},0${quote}`;
  });
  return ['Date(UTC),Pair,Side,Price,Executed,Amount,Fee', ...rows].join('\n');
}

class Store {
  readonly rows = new Map<string, Trade>();
  syncedThrough: number | null = null;
  insert(trades: readonly Trade[]): void {
    for (const t of trades) if (!this.rows.has(t.key)) this.rows.set(t.key, t);
  }
}

function sync(store: Store, fills: readonly TrueFill[], horizon: number): void {
  store.insert(fills.filter((f) => f.timestamp >= horizon).map(apiTrade));
  store.syncedThrough = T0 + SPAN;
}

function importFile(store: Store, text: string, horizon: number): void {
  const { trades } = importTradesCsv(text, { accountId: ACCOUNT });
  const reach = (): ApiReach => ({ horizon, syncedThrough: store.syncedThrough });
  const plan = planFileTrades(trades, [...store.rows.values()], reach);
  store.insert(plan.kept);
}

/** Every true fill exactly once: per (symbol, side, second, price, quantity), stored count = true count. */
function expectExact(store: Store, fills: readonly TrueFill[]): void {
  const count = (items: Iterable<{ symbol: string; side: 'buy' | 'sell'; timestamp: number; price: number; amount: number }>) => {
    const m = new Map<string, number>();
    for (const t of items) {
      const f = fillFingerprint({ marketType: 'spot', ...t }, 1000);
      m.set(f, (m.get(f) ?? 0) + 1);
    }
    return [...m].sort();
  };
  expect(count(store.rows.values())).toEqual(count(fills));
}

describe('file and API history meet without duplicates or losses (seeded property)', () => {
  const SEEDS = 150;
  for (const order of ['sync, import, re-import', 'import, sync, import again', 'sync, import, purge + re-sync'] as const) {
    it(`${order}: ${SEEDS} random histories, horizons and file windows`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rand = prng(seed * 7919 + order.length);
        const fills = history(rand);
        const horizon = T0 + Math.floor(rand() * SPAN);
        const a = T0 + Math.floor(rand() * SPAN);
        const b = a + Math.floor(rand() * (T0 + SPAN - a));
        // The file holds every fill of its window (the window edges fall on whole seconds, as an export's date range does).
        const file = exportFile(fills.filter((f) => f.timestamp >= Math.floor(a / 1000) * 1000 && f.timestamp <= Math.floor(b / 1000) * 1000 + 999));
        const covered = (f: TrueFill) => f.timestamp >= horizon || (f.timestamp >= Math.floor(a / 1000) * 1000 && f.timestamp <= Math.floor(b / 1000) * 1000 + 999);
        const store = new Store();
        if (order === 'sync, import, re-import') {
          sync(store, fills, horizon);
          importFile(store, file, horizon);
          importFile(store, file, horizon);
        } else if (order === 'import, sync, import again') {
          importFile(store, file, horizon);
          sync(store, fills, horizon);
          importFile(store, file, horizon);
        } else {
          sync(store, fills, horizon);
          importFile(store, file, horizon);
          // Purge keeps file rows without exchange ids (the API cannot give them back), then re-sync.
          for (const [key, t] of store.rows) if (!t.tradeId.startsWith('csv-')) store.rows.delete(key);
          store.syncedThrough = null;
          sync(store, fills, horizon);
        }
        try {
          expectExact(store, fills.filter(covered));
        } catch (e) {
          throw new Error(`seed ${seed} (${order}): ${(e as Error).message}`);
        }
      }
    });
  }
});

describe('match rule details', () => {
  it('time resolution is what the rows show', () => {
    expect(timeResolution([60_000, 120_000])).toBe(60_000);
    expect(timeResolution([60_000, 121_000])).toBe(1000);
    expect(timeResolution([60_000, 121_001])).toBe(1);
  });

  it('minute-resolution files (Bybit) match API fills inside that minute; identical fills are counted, not merged', () => {
    const api = (id: string, ts: number): Trade => ({ ...apiTrade({ id: 0, symbol: 'BTC/USDT', side: 'buy', timestamp: ts, price: 100, amount: 1 }), tradeId: id, key: `k-${id}` });
    const file = (n: number): Trade => ({ ...api(`csv-x-${n}`, T0), key: `f-${n}` });
    const r = matchFileTrades([file(0), file(1), file(2)], [api('1', T0 + 12_345), api('2', T0 + 59_999)], 60_000);
    expect(r.matched.length).toBe(2);
    expect(r.kept.map((t) => t.key)).toEqual(['f-2']);
  });
});
