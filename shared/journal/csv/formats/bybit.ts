import type { MarketType, Side } from '../../../domain/types';
import { cell, type CsvTradeFormat, type HeaderIndex, parseLiquidity, parseSide, type RowResult, splitPair, unifiedSymbol } from '../columns';
import { parseAmountWithAsset } from '../values';
import { rowTimeReader } from '../row-time';

/**
 * Bybit trade history exports (spot and USDT/USDC perpetuals). Bybit has changed the column
 * names between the classic and unified-account exports, so columns are found by alias; the
 * header is normalized (case, spaces and punctuation dropped) before matching.
 *
 * | meaning    | columns accepted (first present wins)                                          |
 * |------------|--------------------------------------------------------------------------------|
 * | symbol     | Contracts, Spot Pairs, Symbol, Pair, Market                                     |
 * | side       | Side, Direction (Buy/Sell; Open Long/Close Long/Open Short/Close Short; Long = Buy and Short = Sell in the current derivatives layout) |
 * | quantity   | Filled Qty, Filled Quantity, Exec Qty, Qty, Quantity                            |
 * | price      | Filled Price, Exec Price, Avg. Filled Price, Price                              |
 * | fee        | Fee Paid, Trading Fee, Exec Fee, Fees, Fee (may carry an asset suffix)          |
 * | time       | Trade Time(UTC+0), Transaction Time(UTC+0), Filled Time(UTC+0), Timestamp (UTC), Time(UTC), Time, Date |
 * | optional   | Fee Currency/Fee Coin/feeCoin/Fee Asset, Transaction ID/Trasaction ID (sic)/Exec ID/Trade ID (the execId the API returns, so rows dedupe against synced rows), Order No./Order ID, Liquidity/Maker, Trade Type/Exec Type/Type (rows that are Funding/Settlement are skipped), Closed P&L (kept as exchangeRealizedPnl) |
 *
 * Market type: `Contracts` means linear, `Spot Pairs` means spot, and so does a `Filled Type`
 * column (Trade/Funding/AdlTrade/BustTrade: perpetual executions only; the current derivatives
 * layout `Market,Filled Type,Filled Quantity,Filled Price,Order Price,Fee Rate,Trading Fee,feeCoin,
 * ExecFeeV2,Direction,Order Type,Trasaction ID,Order No.,Transaction Time(UTC+0)`, with Bybit's
 * own spelling of `Trasaction ID`, docs/EXPORTS.md); otherwise the caller must pass `marketType`. A linear fee without a currency is in the settle currency. A spot fee without one
 * is in the coin the trader received, as Bybit documents for spot: a buy pays in the base coin, a
 * sell in the quote coin (checked on the published samples: 0.1% of the quantity on buys, of the
 * value on sells). Pre-unified spot exports suffix every value with its coin (`6.441 USDT`); the
 * suffix is read and, for the fee, wins. Times may be written time first (`22:37 2024-11-21`).
 * `Filled Value` is kept as the cost when present.
 */
const SYMBOL = ['contracts', 'spotpairs', 'symbol', 'pair', 'market'];
const SIDE = ['side', 'direction'];
const QTY = ['filledqty', 'filledquantity', 'execqty', 'qty', 'quantity'];
const PRICE = ['filledprice', 'execprice', 'avgfilledprice', 'price'];
const FEE = ['feepaid', 'tradingfee', 'tradingfees', 'execfee', 'fees', 'fee'];
const TIME = ['tradetimeutc0', 'transactiontimeutc0', 'filledtimeutc0', 'timestamputc', 'timestamputc0', 'timeutc', 'timeutc0', 'time', 'date'];
const FEE_COIN = ['feecurrency', 'feecoin', 'feeasset'];
const TRADE_ID = ['transactionid', 'trasactionid', 'execid', 'tradeid'];
const ORDER_ID = ['orderno', 'orderid'];
const TYPE = ['tradetype', 'exectype', 'filledtype', 'type'];

export const bybitFormat: CsvTradeFormat<'bybit'> = {
  id: 'bybit',
  label: 'Bybit trade history',
  exchange: 'bybit',
  detect: (h: HeaderIndex) =>
    h.find(SYMBOL) !== undefined && h.find(QTY) !== undefined && (h.has('contracts') || h.has('spotpairs') || h.find(['filledprice', 'execprice', 'feepaid', 'transactionid', 'trasactionid', 'execid', 'orderno']) !== undefined),
  prepare(h, options) {
    const symbolCol = h.find(SYMBOL);
    const side = h.find(SIDE);
    const qty = h.find(QTY);
    const price = h.find(PRICE);
    const fee = h.find(FEE);
    const time = h.find(TIME);
    const missing: string[] = [];
    if (symbolCol === undefined) missing.push('Contracts or Spot Pairs or Symbol');
    if (side === undefined) missing.push('Side or Direction');
    if (qty === undefined) missing.push('Filled Qty');
    if (price === undefined) missing.push('Filled Price');
    if (fee === undefined) missing.push('Fee Paid');
    if (time === undefined) missing.push('Trade Time(UTC+0)');
    const marketType: MarketType | undefined = h.has('contracts') || h.has('filledtype') ? 'linear' : h.has('spotpairs') ? 'spot' : options.marketType;
    if (marketType === undefined) missing.push('a Contracts or Spot Pairs column (or pass marketType)');
    if (missing.length > 0 || marketType === undefined) return { ok: false, missing };
    const feeCoin = h.find(FEE_COIN);
    const tradeId = h.find(TRADE_ID);
    const orderId = h.find(ORDER_ID);
    const type = h.find(TYPE);
    const liquidity = h.find(['liquidity', 'maker', 'makertaker']);
    const closedPnl = h.find(['closedpl', 'closedpnl']);
    const value = h.find(['filledvalue', 'execvalue', 'value']);
    const readTime = rowTimeReader(h, time, options);

    return {
      ok: true,
      mapRow(cells): RowResult {
        const kind = cell(cells, type).toLowerCase();
        if (kind === 'funding' || kind === 'settlement' || kind === 'settle') return { kind: 'skipped', reason: `${kind} row` };
        const reasons: string[] = [];
        const t = readTime(cells, reasons);
        const s = bybitSide(cell(cells, side));
        if (s === null) reasons.push(`side must be Buy or Sell, got "${cell(cells, side)}"`);
        const split = splitPair(cell(cells, symbolCol));
        if (split === null) reasons.push(`cannot tell base and quote of symbol "${cell(cells, symbolCol)}"`);
        const assets = split === null ? [] : [split[0], split[1]];
        const p = parseAmountWithAsset(cell(cells, price), assets)?.value ?? null;
        if (p === null || p <= 0) reasons.push(`price must be a positive number, got "${cell(cells, price)}"`);
        const feeCell = parseAmountWithAsset(cell(cells, fee), assets);
        if (feeCell === null) reasons.push(`unreadable fee "${cell(cells, fee)}"`);
        const coin = cell(cells, feeCoin).toUpperCase();
        const q = parseAmountWithAsset(cell(cells, qty), split === null ? [] : [split[0]]);
        if (q === null || q.value <= 0) reasons.push(`quantity must be a positive number, got "${cell(cells, qty)}"`);
        const valueText = cell(cells, value);
        const filledValue = valueText === '' ? null : (parseAmountWithAsset(valueText, assets)?.value ?? null);
        if (valueText !== '' && filledValue === null) reasons.push(`unreadable filled value "${valueText}"`);
        const pnlText = cell(cells, closedPnl);
        const pnl = pnlText === '' ? null : (parseAmountWithAsset(pnlText, assets)?.value ?? null);
        if (pnlText !== '' && pnl === null) reasons.push(`unreadable Closed P&L "${pnlText}"`);

        if (reasons.length > 0 || t === null || s === null || p === null || q === null || split === null || feeCell === null) return { kind: 'rejected', reasons };
        const [base, quote] = split;
        return {
          kind: 'trade',
          draft: {
            exchange: 'bybit',
            marketType,
            symbol: unifiedSymbol(base, quote, marketType),
            tradeId: cell(cells, tradeId) || null,
            orderId: cell(cells, orderId) || null,
            timestamp: t,
            side: s,
            price: p,
            amount: q.value,
            cost: filledValue ?? p * q.value,
            feeCost: feeCell.value,
            feeCurrency: feeCell.asset ?? (coin !== '' ? coin : marketType === 'spot' && s === 'buy' ? base : quote),
            takerOrMaker: liquidity === undefined ? null : parseLiquidity(cell(cells, liquidity)),
            exchangeRealizedPnl: pnl,
          },
        };
      },
    };
  },
};

function bybitSide(raw: string): Side | null {
  const s = raw.trim().toLowerCase();
  if (s === 'open long' || s === 'close short' || s === 'long') return 'buy';
  if (s === 'open short' || s === 'close long' || s === 'short') return 'sell';
  return parseSide(s);
}
