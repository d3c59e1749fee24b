import type { SimHistory, SimTransfer } from './types';

/**
 * Balances as the exchange holds them, computed from the whole history on every request, so they
 * always equal what a complete import adds up to (the reconciliation tests rely on it):
 * - Binance spot wallet: deposits, withdrawals (amount + fee), spot fills and their fees,
 *   converts, dust (BNB credited = `transferedAmount` - `serviceChargeAmount`: the charge is 2% of
 *   `transferedAmount` in every recorded response and docs example, and the docs' "Dust
 *   Convertible Assets" takes its 2% from the amount before the charge), distributions, transfers;
 * - Binance USD-M wallet: every income row (realized P&L, commission, funding, transfers);
 * - Bybit unified wallet: deposits, withdrawals, spot fills, and every transaction-log row
 *   (Binance's wallet kinds are not served by the Bybit router, so they are not in it).
 */

export type AssetTotals = Map<string, number>;

export interface SimWallets {
  binanceSpot: AssetTotals;
  binanceLinear: AssetTotals;
  bybitUnified: AssetTotals;
}

/** Spot-wallet sign of a transfer (the other side is the funding or USD-M wallet). */
export function spotSideOf(type: SimTransfer['type']): 1 | -1 {
  return type === 'MAIN_UMFUTURE' || type === 'MAIN_FUNDING' ? -1 : 1;
}

export function computeWallets(h: SimHistory): SimWallets {
  const bases = new Map(h.markets.map((m) => [`${m.marketType}:${m.id}`, m]));
  const common: AssetTotals = new Map();
  const add = (into: AssetTotals, asset: string, amount: number): void => {
    into.set(asset, (into.get(asset) ?? 0) + amount);
  };
  for (const m of h.movements) add(common, m.coin, m.type === 'deposit' ? Number(m.amount) : -(Number(m.amount) + Number(m.fee)));
  for (const t of h.trades) {
    if (t.marketType !== 'spot') continue;
    const m = bases.get(`spot:${t.symbol}`);
    if (m === undefined) continue;
    const sign = t.side === 'BUY' ? 1 : -1;
    add(common, m.base, sign * Number(t.qty));
    add(common, m.quote, -sign * Number(t.quoteQty));
    add(common, t.commissionAsset, -Number(t.commission));
  }
  const binanceSpot = new Map(common);
  for (const c of h.converts) {
    add(binanceSpot, c.fromAsset, -Number(c.fromAmount));
    add(binanceSpot, c.toAsset, Number(c.toAmount));
  }
  for (const d of h.dust) {
    for (const x of d.details) {
      add(binanceSpot, x.fromAsset, -Number(x.amount));
      add(binanceSpot, 'BNB', Number(x.transferedAmount) - Number(x.serviceChargeAmount));
    }
  }
  for (const d of h.dividends) add(binanceSpot, d.asset, d.direction * Number(d.amount));
  for (const t of h.transfers) add(binanceSpot, t.asset, spotSideOf(t.type) * Number(t.amount));
  const binanceLinear: AssetTotals = new Map();
  for (const i of h.income) add(binanceLinear, i.asset, Number(i.income));
  const bybitUnified = new Map(common);
  for (const [asset, amount] of binanceLinear) add(bybitUnified, asset, amount);
  return { binanceSpot, binanceLinear, bybitUnified };
}

/** Exchange-style decimal string (8 places, no negative zero). */
export function fmtAmount(n: number): string {
  const s = n.toFixed(8);
  return s === '-0.00000000' ? '0.00000000' : s;
}
