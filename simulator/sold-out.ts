import { marketKey, type MarketTape } from './history';
import type { SimMarket, SimTrade } from './types';

/**
 * Bases an account sold to zero: traded, yet the exchange reports no balance of them at the end
 * (so balances alone cannot tell that their markets hold fills).
 */

/** Assets that deposits, withdrawals or fees in BNB also move: never sold out. */
const NEVER_SOLD_OUT: readonly string[] = ['USDT', 'BTC', 'ETH', 'BNB'];

/** The last `count` distinct bases of the traded spot markets that are not quote assets. */
export function soldOutBases(traded: readonly SimMarket[], count: number, quotes: readonly string[]): Set<string> {
  const bases: string[] = [];
  for (const m of traded) {
    if (m.marketType !== 'spot' || quotes.includes(m.base) || NEVER_SOLD_OUT.includes(m.base) || bases.includes(m.base)) continue;
    bases.push(m.base);
  }
  return new Set(count <= 0 ? [] : bases.slice(-count));
}

const UNITS = 1e8;
const units = (decimal: string): number => Math.round(Number(decimal) * UNITS);

/**
 * Sells every sold-out base to zero: after its last fill, one sell of what the opening deposit
 * and its fills leave, in whole lots, on the market it last traded. What does not fill a lot is
 * taken off the opening deposit instead, so the final balance is exactly 0. Amounts are summed in
 * integer 1e-8 units (the wire's 8 decimals). Returns the opening deposit of each such base.
 */
export function sellOut(bases: ReadonlySet<string>, trades: SimTrade[], tapes: ReadonlyMap<string, MarketTape>, end: number): Map<string, string> {
  const deposits = new Map<string, string>();
  for (const base of bases) {
    const tapeOf = (t: SimTrade): MarketTape | undefined => t.marketType === 'spot' ? tapes.get(marketKey('spot', t.symbol)) : undefined;
    const own = trades.filter((t) => tapeOf(t)?.market.base === base);
    let net = 0;
    let out = 0;
    for (const t of own) {
      const fee = t.commissionAsset === base ? units(t.commission) : 0;
      net += (t.side === 'BUY' ? units(t.qty) : -units(t.qty)) - fee;
      out += (t.side === 'SELL' ? units(t.qty) : 0) + fee;
    }
    const last = own.reduce<SimTrade | undefined>((a, t) => (a === undefined || t.time > a.time ? t : a), undefined);
    const tape = last === undefined ? undefined : tapeOf(last);
    if (last === undefined || tape === undefined) continue;
    // As openingBalances() sizes a deposit: every outflow rounded up, plus 10.
    const deposit = (Math.ceil(out / UNITS) + 10) * UNITS;
    const lot = 10 ** (8 - tape.market.qtyPrecision);
    const left = deposit + net;
    const qty = Math.floor(left / lot) * lot;
    const time = Math.min(last.time + 60_000, (tape.market.delistedAt ?? end) - 1);
    tape.sellExact(Math.max(last.time, time), (qty / UNITS).toFixed(tape.market.qtyPrecision), { trades });
    deposits.set(base, ((deposit - (left - qty)) / UNITS).toFixed(8));
  }
  return deposits;
}
