import type { AssetFlow, AssetFlowLeg, ExchangeId, Trade } from '../domain/types';
import { assertNever } from '../never';
import { compareFills } from './order';

/**
 * How the spot P&L books see wallet flows that change what a trader holds without a fill
 * (rules in README.md, "Converts and dust"):
 *
 * - A **convert** between a quote asset and another asset is a spot trade on the pair they form
 *   (`pairOf`): USDT -> BTC is a buy of `toAmount` BTC on BTC/USDT at fromAmount / toAmount;
 *   BTC -> USDT a sell of `fromAmount` at toAmount / fromAmount. Convert has no separate fee (its
 *   spread is in the price), so the synthetic fill's fee is 0.
 * - A convert between two assets neither of which is a quote asset (DOGE -> SHIB) has no price in
 *   any quote. It is a **conversion**: the asset given leaves its `<asset>/<first quote>` position
 *   at cost (a write-off, realizing nothing, like the book's dust rule), and the asset received
 *   enters no book (a later sale of it is reported as unmatched: its cost basis is not known).
 * - **Dust** is a conversion of each small asset into BNB: every small balance leaves its
 *   `<asset>/<first quote>` position as a write-off; the BNB received enters no book. Dust of a
 *   cash asset (USDT, ...) touches no position.
 * - Rewards and transfers do not change a position.
 *
 * Everything here depends on the flow alone (never on what else is stored), so a replay, any
 * split into batches and one pass derive the same books.
 */

/**
 * Quote assets, strongest first: in a pair of two of them the earlier one is the quote (ETH/BTC,
 * BNB/USDT). The first `CASH_ASSETS` are cash: they have no position of their own.
 */
export const QUOTE_ASSETS = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'EUR', 'TRY', 'BRL', 'BTC', 'ETH', 'BNB'] as const;
const CASH_ASSETS: ReadonlySet<string> = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'EUR', 'TRY', 'BRL']);
const PRIMARY_QUOTE = 'USDT';

const quoteRank = (asset: string): number => {
  const i = (QUOTE_ASSETS as readonly string[]).indexOf(asset);
  return i < 0 ? Infinity : i;
};

/** The spot pair two assets form, or null when neither is a quote asset (or they are the same). */
export function pairOf(a: string, b: string): { base: string; quote: string; symbol: string } | null {
  if (a === b) return null;
  const ra = quoteRank(a);
  const rb = quoteRank(b);
  if (ra === Infinity && rb === Infinity) return null;
  const [base, quote] = ra < rb ? [b, a] : [a, b];
  return { base, quote, symbol: `${base}/${quote}` };
}

/** The position a conversion takes an asset out of: `<asset>/USDT`; null for a cash asset. */
export function writeOffSymbol(asset: string): string | null {
  return CASH_ASSETS.has(asset) ? null : `${asset}/${PRIMARY_QUOTE}`;
}

/** Spot quantity leaving a position at cost, realizing nothing (a conversion, see above). */
export interface WriteOff {
  /** The flow's key, plus `#<asset>` for a dust leg (one flow converts several assets). */
  key: string;
  accountId: string;
  exchange: ExchangeId;
  symbol: string;
  timestamp: number;
  /** Orders it among fills of the same millisecond (compareFills). */
  tradeId: string;
  amount: number;
}

export interface ConversionEvents {
  /** Synthetic spot fills (converts on a pair); `key` = the flow's key. */
  fills: Trade[];
  writeOffs: WriteOff[];
}

/** The order id of a synthetic fill, so a reader can tell it from an exchange fill. */
export const CONVERT_ORDER_ID = 'convert';

function convertEvents(flow: AssetFlow): ConversionEvents {
  const out = flow.legs.find((l) => l.wallet === 'spot' && l.amount < 0);
  const into = flow.legs.find((l) => l.wallet === 'spot' && l.amount > 0);
  if (out === undefined || into === undefined) return { fills: [], writeOffs: [] };
  const pair = pairOf(out.asset, into.asset);
  const tradeId = `convert-${flow.flowId}`;
  if (pair === null) return { fills: [], writeOffs: writeOffsOf(flow, [out], tradeId) };
  const buying = into.asset === pair.base;
  const baseQty = buying ? into.amount : -out.amount;
  const quoteQty = buying ? -out.amount : into.amount;
  const fill: Trade = {
    key: flow.key, accountId: flow.accountId, exchange: flow.exchange, marketType: 'spot', symbol: pair.symbol,
    tradeId, orderId: CONVERT_ORDER_ID, timestamp: flow.timestamp, side: buying ? 'buy' : 'sell',
    price: quoteQty / baseQty, amount: baseQty, cost: quoteQty, feeCost: 0, feeCurrency: null, takerOrMaker: null, exchangeRealizedPnl: null,
  };
  return { fills: [fill], writeOffs: [] };
}

function writeOffsOf(flow: AssetFlow, legs: readonly AssetFlowLeg[], tradeId: string): WriteOff[] {
  const out: WriteOff[] = [];
  for (const leg of legs) {
    const symbol = writeOffSymbol(leg.asset);
    if (symbol === null || !(leg.amount < 0)) continue;
    out.push({ key: `${flow.key}#${leg.asset}`, accountId: flow.accountId, exchange: flow.exchange, symbol, timestamp: flow.timestamp, tradeId, amount: -leg.amount });
  }
  return out;
}

/** What one wallet flow does to the spot books (nothing for rewards and transfers). */
export function conversionEvents(flow: AssetFlow): ConversionEvents {
  switch (flow.kind) {
    case 'convert':
      return convertEvents(flow);
    case 'dust':
      return { fills: [], writeOffs: writeOffsOf(flow, flow.legs.filter((l) => l.wallet === 'spot' && l.asset !== 'BNB'), `dust-${flow.flowId}`) };
    case 'reward':
    case 'transfer':
      return { fills: [], writeOffs: [] };
    default:
      return assertNever(flow.kind, 'wallet flow kind');
  }
}

/** Every event of many flows, each list in time order. */
export function conversionsOf(flows: readonly AssetFlow[]): ConversionEvents {
  const fills: Trade[] = [];
  const writeOffs: WriteOff[] = [];
  for (const flow of flows) {
    const e = conversionEvents(flow);
    fills.push(...e.fills);
    writeOffs.push(...e.writeOffs);
  }
  return { fills: fills.sort(compareFills), writeOffs: writeOffs.sort(compareFills) };
}

/** True for a fill that came from a convert (not from the exchange's trade list). */
export function isConvertFill(fill: Pick<Trade, 'orderId' | 'tradeId'>): boolean {
  return fill.orderId === CONVERT_ORDER_ID && fill.tradeId.startsWith('convert-');
}
