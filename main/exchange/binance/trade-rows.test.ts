import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Normalized } from '../../../shared/normalize';
import { normalizeTrades } from '../../../shared/normalize/trades';
import type { Trade } from '../../../shared/domain/types';
import type { MarketType } from '../../../shared/domain/types';
import { createRng, type Rng } from '../../../simulator/random';
import { startSimulator, type Simulator } from '../../../simulator/server';
import type { MarketInfo } from '../adapter';
import { createBinanceCcxt } from '../ccxt-instance';
import { restrictMarkets } from '../markets';
import { readBinanceTrades } from './trade-rows';

/**
 * The lean reading of Binance trade rows gives the same normalized trades (and the same refused
 * rows, with the same reasons) as ccxt's own parseTrades: on the recorded rows of
 * main/exchange/recorded/fixtures (README.md there says where each comes from) and on generated
 * rows with every field shape the two endpoints send or could send.
 */

const fixture = (name: string): unknown[] => JSON.parse(readFileSync(join(__dirname, '..', 'recorded', 'fixtures', name), 'utf8')) as unknown[];

let sim: Simulator;
let ex: Exchange;
let markets: MarketInfo[];

beforeAll(async () => {
  const now = Date.now();
  sim = await startSimulator({ history: { seed: 5, start: now - 86_400_000, end: now - 60_000, listedSpot: 6, listedLinear: 2, tradedSpot: 0, tradedLinear: 0, trades: 0, deposits: 0, withdrawals: 0, quotes: ['USDT', 'BTC'] } });
  ex = createBinanceCcxt({ credentials: null, marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl, timeoutMs: 5000 });
  await ex.loadMarkets();
  markets = restrictMarkets(ex.markets, ['spot', 'linear']);
});
afterAll(async () => sim.close());

function market(marketType: MarketType, symbol: string): MarketInfo {
  const m = markets.find((x) => x.marketType === marketType && x.symbol === symbol);
  if (m === undefined) throw new Error(`no ${marketType} ${symbol}`);
  return m;
}

/**
 * ccxt sorts a page by time and the adapter then by id (trades.ts), so the order of rows out of
 * either reading is not the point: compared in one order.
 */
function canonical(n: Normalized<Trade>): Normalized<Trade> {
  return {
    valid: [...n.valid].sort((a, b) => a.key.localeCompare(b.key)),
    invalid: n.invalid.map((r) => ({ ...r, samples: [...r.samples].sort() })).sort((a, b) => a.reason.localeCompare(b.reason)),
  };
}

/** Both readings, through the real normalizer. */
function bothWays(m: MarketInfo, rows: unknown[]) {
  const ctx = {
    exchange: 'binance' as const, accountId: 'a', marketType: m.marketType, now: 1_900_000_000_000,
    knownSymbols: new Set(markets.filter((x) => x.marketType === m.marketType).map((x) => x.symbol)),
  };
  const viaCcxt = canonical(normalizeTrades(ex.parseTrades(structuredClone(rows) as never[], ex.market(m.symbol)), ctx));
  const lean = canonical(normalizeTrades(readBinanceTrades(ex, m, structuredClone(rows)), ctx));
  return { viaCcxt, lean };
}

describe('readBinanceTrades: recorded rows', () => {
  it('spot, Binance docs "Account trade list" example: a BNB/BTC buy, taker, fee in BNB', () => {
    const m = market('spot', 'BNB/BTC');
    const { viaCcxt, lean } = bothWays(m, fixture('binance-my-trades.docs.json'));
    expect(lean).toEqual(viaCcxt);
    // Read off the docs' fields by hand.
    expect(lean.invalid).toEqual([]);
    expect(lean.valid.map((t) => [t.tradeId, t.orderId, t.symbol, t.timestamp, t.side, t.price, t.amount, t.cost, t.feeCost, t.feeCurrency, t.takerOrMaker])).toEqual([
      ['28457', '100234', 'BNB/BTC', 1499865549590, 'buy', 4.000001, 12, 48.000012, 10.1, 'BNB', 'taker'],
    ]);
  });

  it('spot, the older row ccxt recorded (no quoteQty): priced from price and qty as ccxt does', () => {
    const m = market('spot', 'BNB/BTC');
    const { viaCcxt, lean } = bothWays(m, fixture('binance-my-trades.ccxt.json'));
    expect(lean).toEqual(viaCcxt);
    expect(lean.valid[0]?.cost).toBe(48.000012);
  });

  it('USD-M, the rows ccxt recorded: sells, negative commission (a rebate) kept, realized P&L from the row', () => {
    const m = market('linear', 'BTC/USDT:USDT');
    const { viaCcxt, lean } = bothWays(m, fixture('binance-user-trades.ccxt.json'));
    expect(lean).toEqual(viaCcxt);
    expect([...lean.valid].sort((a, b) => a.timestamp - b.timestamp).map((t) => [t.tradeId, t.side, t.takerOrMaker, t.feeCost, t.exchangeRealizedPnl])).toEqual([
      ['698759', 'sell', 'taker', -0.0781901, -0.91539999],
      ['477128891', 'sell', 'maker', -0.00076959, -0.00009534],
    ]);
  });

  it('a row that is not an object reaches the normalizer, which refuses it by reason (ccxt threw a TypeError for the page)', () => {
    const m = market('spot', 'BNB/BTC');
    const rows = [null, 7, ...fixture('binance-my-trades.docs.json')];
    expect(() => ex.parseTrades(structuredClone(rows) as never[], ex.market(m.symbol))).toThrow(TypeError);
    const n = normalizeTrades(readBinanceTrades(ex, m, rows), { exchange: 'binance', accountId: 'a', marketType: 'spot', now: 1_900_000_000_000, knownSymbols: new Set(['BNB/BTC']) });
    expect(n.valid).toHaveLength(1);
    expect(n.invalid.reduce((sum, r) => sum + r.count, 0)).toBe(2);
  });

  it('a body that is not a list is a bad response', () => {
    expect(() => readBinanceTrades(ex, market('spot', 'BTC/USDT'), { code: -1 })).toThrow(expect.objectContaining({ code: 'EXCHANGE_BAD_RESPONSE' }) as Error);
  });
});

/** A decimal string as Binance sends them (8 places), or a variation the reader must survive. */
function decimal(rng: Rng, max: number): unknown {
  const v = rng.next() * max;
  return rng.pick([v.toFixed(8), v.toFixed(2), String(Math.round(v)), '0', '0.00000000', v.toFixed(8)]);
}

function spotRow(rng: Rng, id: number, symbolId: string): Record<string, unknown> {
  const price = decimal(rng, 70_000);
  const qty = decimal(rng, 5);
  return {
    symbol: symbolId, id, orderId: rng.int(1, 1e9), orderListId: -1, price, qty,
    quoteQty: typeof price === 'string' && typeof qty === 'string' ? (Number(price) * Number(qty)).toFixed(8) : '0',
    commission: decimal(rng, 0.01), commissionAsset: rng.pick(['BNB', 'BTC', 'USDT']), time: 1_700_000_000_000 + rng.int(0, 1e9),
    isBuyer: rng.chance(0.5), isMaker: rng.chance(0.5), isBestMatch: true,
  };
}

function linearRow(rng: Rng, id: number, symbolId: string): Record<string, unknown> {
  const buyer = rng.chance(0.5);
  return {
    buyer, commission: rng.pick(['-0.00076959', '0.01234567', '0', '0.00000000']), commissionAsset: 'USDT', id, maker: rng.chance(0.5),
    orderId: rng.int(1, 1e10), price: decimal(rng, 70_000), qty: decimal(rng, 2), quoteQty: decimal(rng, 100_000),
    realizedPnl: rng.pick(['0', '-0.91539999', '12.5', '0.00000000']), side: buyer ? 'BUY' : 'SELL', positionSide: rng.pick(['BOTH', 'LONG', 'SHORT']),
    symbol: symbolId, time: 1_700_000_000_000 + rng.int(0, 1e9), marginAsset: 'USDT',
  };
}

/** Damage a row the way a broken feed could: a field missing, emptied, nulled, or of the wrong type. */
function damaged(rng: Rng, row: Record<string, unknown>): Record<string, unknown> {
  // A field of the row's own endpoint (a spot-only field on a USD-M row makes ccxt read it as a spot row).
  const field = rng.pick(Object.keys(row));
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(row).filter(([k]) => k !== field));
  switch (rng.int(0, 4)) {
    case 0: break;
    case 1: out[field] = ''; break;
    case 2: out[field] = null; break;
    case 3: out[field] = rng.pick(['-1', 'abc', '1e3', '  5 ']); break;
    default: out[field] = rng.pick([12.5, 0, -3]);
  }
  return out;
}

describe('readBinanceTrades: generated rows read as ccxt reads them', () => {
  it.each([
    ['spot', 'BTC/USDT', 'BTCUSDT', spotRow],
    ['spot', 'ETH/BTC', 'ETHBTC', spotRow],
    ['linear', 'BTC/USDT:USDT', 'BTCUSDT', linearRow],
  ] as const)('%s %s: 40 seeded pages, damaged rows included, give the same trades and the same refusals', (marketType, symbol, id, make) => {
    const m = market(marketType, symbol);
    const rng = createRng(marketType === 'spot' ? symbol.length * 7919 : 104_729);
    let refused = 0;
    for (let page = 0; page < 40; page++) {
      const rows = Array.from({ length: rng.int(1, 30) }, (_, i) => {
        const row = make(rng, page * 1000 + i, id);
        return rng.chance(0.15) ? damaged(rng, row) : row;
      });
      // Row by row: a page's refusal samples follow its order, which ccxt changes (it sorts by time).
      for (const row of rows) {
        const { viaCcxt, lean } = bothWays(m, [row]);
        expect(lean).toEqual(viaCcxt);
        refused += lean.invalid.length;
      }
      const { viaCcxt, lean } = bothWays(m, rows);
      expect(lean.valid).toEqual(viaCcxt.valid);
    }
    // The damage reached the normalizer's refusals, not only harmless fields.
    expect(refused).toBeGreaterThan(0);
  });
});
