import type { ExchangeId } from '../../domain/types';

/**
 * The exports this app reads, and where on each exchange's site they are downloaded. One list,
 * used by the "unrecognized file" message, the coverage map's gap actions and docs/EXPORTS.md.
 */
export const EXPORT_GUIDES = [
  { id: 'binance-statement', exchange: 'binance', name: 'Binance transaction history', where: 'Wallet > Overview > Transaction History > Export > "Generate all statements" (Account: All, Coin: All; up to 1 year per file)', covers: 'futures realized P&L, funding and fees, deposits, withdrawals, converts, dust, rewards, transfers' },
  { id: 'binance-spot', exchange: 'binance', name: 'Binance spot trade history', where: 'Orders > Spot Order > Trade History > Export (up to 3 months per file, back to 2017)', covers: 'spot fills' },
  { id: 'binance-orders', exchange: 'binance', name: 'Binance spot order history', where: 'Orders > Spot Order > Order History > Export', covers: 'spot fills (as sub-rows of each order)' },
  { id: 'binance-futures', exchange: 'binance', name: 'Binance USD-M futures trade history', where: 'Orders > Futures Order > USD-M > Trade History > Export (choose the time zone; it is written in the header)', covers: 'USD-M fills with realized P&L' },
  { id: 'bybit', exchange: 'bybit', name: 'Bybit trade history', where: 'Orders > Unified Trading Order > Spot Orders / Derivatives > Trade History > Export (classic accounts: Orders > Spot (Pre-UTA) > Trade History)', covers: 'spot and USDT/USDC perpetual fills' },
  { id: 'bybit-transaction-log', exchange: 'bybit', name: 'Bybit transaction log', where: 'Assets > Unified Trading > Transaction Log > Export', covers: 'funding, transfers, bonuses (trade rows are in the trade history)' },
  { id: 'bybit-funding', exchange: 'bybit', name: 'Bybit funding account history', where: 'Assets > Funding > Account Change Details > Export', covers: 'deposits and withdrawals; transfers, airdrops, card purchases (recognized)' },
  { id: 'bybit-closed-pnl', exchange: 'bybit', name: 'Bybit closed P&L', where: 'Orders > Derivatives > Closed P&L > Export', covers: 'closed-position summaries: kept for reconciliation and the coverage map, never as fills (import the trade history for fills)' },
] as const satisfies readonly { id: string; exchange: ExchangeId; name: string; where: string; covers: string }[];

export type ExportGuide = (typeof EXPORT_GUIDES)[number];
export type ExportGuideId = ExportGuide['id'];

export function exportGuide(id: ExportGuideId): ExportGuide {
  const g = EXPORT_GUIDES.find((x) => x.id === id);
  if (g === undefined) throw new Error(`no export guide ${id}`);
  return g;
}

/** Lines for the "not a file the app can read" error: every export, by exchange, with where to get it. */
export function unrecognizedFileAdvice(): string[] {
  return EXPORT_GUIDES.filter((g) => g.id !== 'bybit-closed-pnl').map((g) => `${g.name} (${g.covers}): ${g.where}`);
}
