import { cell, type CsvTradeFormat, type HeaderIndex, parseLiquidity, parseSide, type RowResult, splitPair, unifiedSymbol } from '../columns';
import { parseAmountWithAsset, parseDecimal } from '../values';
import { rowTimeReader } from '../row-time';

/**
 * Binance USD-M futures trade history export:
 *   Time(UTC),Symbol,Side,Price,Quantity,Amount,Fee,Realized Profit
 *   2024-03-05 14:07:09,BTCUSDT,SELL,62000,0.010,620.00USDT,0.24800000USDT,12.5USDT
 * Numbers may or may not carry an asset suffix. The quote (= settle) asset comes from the first
 * suffix seen on Amount, Fee or Realized Profit, else from the known quote list. A bare Fee is
 * in the settle asset (USD-M charges the margin asset unless paying with BNB, which exports as
 * `...BNB`). Optional: `Trade ID`/`TradeId` (the exchange's trade id, equal to the API's, so
 * imported rows dedupe exactly against synced rows), `Order ID`, `Fee Coin`/`Fee Asset`,
 * `Maker` (true/false) or `Liquidity`, `Uid` (ignored).
 */
const TIME = ['timeutc', 'dateutc', 'time', 'date'];

export const binanceFuturesFormat: CsvTradeFormat<'binance-futures'> = {
  id: 'binance-futures',
  label: 'Binance USD-M futures trade history',
  exchange: 'binance',
  detect: (h: HeaderIndex) => h.has('symbol') && (h.has('realizedprofit') || h.has('realizedpnl')) && h.has('side'),
  prepare(h, options) {
    const time = h.find(TIME);
    const symbol = h.find(['symbol']);
    const side = h.find(['side']);
    const price = h.find(['price']);
    const qty = h.find(['quantity', 'qty', 'executed']);
    const amount = h.find(['amount']);
    const fee = h.find(['fee', 'commission']);
    const realized = h.find(['realizedprofit', 'realizedpnl']);
    const missing: string[] = [];
    if (time === undefined) missing.push('Time(UTC)');
    if (symbol === undefined) missing.push('Symbol');
    if (side === undefined) missing.push('Side');
    if (price === undefined) missing.push('Price');
    if (qty === undefined) missing.push('Quantity');
    if (fee === undefined) missing.push('Fee');
    if (missing.length > 0) return { ok: false, missing };
    const tradeId = h.find(['tradeid', 'id']);
    const orderId = h.find(['orderid']);
    const feeCoin = h.find(['feecoin', 'feeasset', 'commissionasset']);
    const maker = h.find(['maker', 'liquidity']);

    // The export's times are at the offset the user chose when exporting, named in the header.
    const readTime = rowTimeReader(h, time, options);

    return {
      ok: true,
      mapRow(cells): RowResult {
        const reasons: string[] = [];
        const t = readTime(cells, reasons);
        const s = parseSide(cell(cells, side));
        if (s === null) reasons.push(`side must be BUY or SELL, got "${cell(cells, side)}"`);
        const p = parseDecimal(cell(cells, price));
        if (p === null || p <= 0) reasons.push(`price must be a positive number, got "${cell(cells, price)}"`);
        const amountCell = amount === undefined ? null : parseAmountWithAsset(cell(cells, amount));
        const feeCell = parseAmountWithAsset(cell(cells, fee));
        const realizedCell = realized === undefined || cell(cells, realized) === '' ? null : parseAmountWithAsset(cell(cells, realized));
        if (amount !== undefined && cell(cells, amount) !== '' && amountCell === null) reasons.push(`unreadable amount "${cell(cells, amount)}"`);
        if (feeCell === null) reasons.push(`unreadable fee "${cell(cells, fee)}"`);
        if (realized !== undefined && cell(cells, realized) !== '' && realizedCell === null) reasons.push(`unreadable realized profit "${cell(cells, realized)}"`);

        const coin = cell(cells, feeCoin).toUpperCase();
        const hint = amountCell?.asset ?? realizedCell?.asset ?? (feeCell?.asset !== 'BNB' ? feeCell?.asset : null) ?? null;
        const split = splitPair(cell(cells, symbol), hint);
        if (split === null) reasons.push(`cannot tell base and quote of symbol "${cell(cells, symbol)}"`);
        // Quantity may carry the base suffix (`0.010BTC`); the split lets digit-led bases parse.
        const q = parseAmountWithAsset(cell(cells, qty), split === null ? [] : [split[0]]);
        if (q === null || q.value <= 0) reasons.push(`quantity must be a positive number, got "${cell(cells, qty)}"`);

        if (reasons.length > 0 || t === null || s === null || p === null || q === null || split === null || feeCell === null) return { kind: 'rejected', reasons };
        const [base, quote] = split;
        return {
          kind: 'trade',
          draft: {
            exchange: 'binance',
            marketType: 'linear',
            symbol: unifiedSymbol(base, quote, 'linear'),
            tradeId: cell(cells, tradeId) || null,
            orderId: cell(cells, orderId) || null,
            timestamp: t,
            side: s,
            price: p,
            amount: q.value,
            cost: amountCell?.value ?? p * q.value,
            feeCost: feeCell.value,
            feeCurrency: feeCell.asset ?? (coin === '' ? quote : coin),
            takerOrMaker: maker === undefined ? null : parseLiquidity(cell(cells, maker)),
            exchangeRealizedPnl: realizedCell?.value ?? null,
          },
        };
      },
    };
  },
};
