import { cell, type CsvTradeFormat, type HeaderIndex, parseSide, type RowResult, splitPair, unifiedSymbol } from '../columns';
import { parseAmountWithAsset, parseDecimal } from '../values';
import { rowTimeReader } from '../row-time';

/**
 * Binance spot "Order History" export: one row per order, each followed by its fills as
 * sub-rows shifted one column right, under a repeated sub-header:
 *   Date(UTC),OrderNo,Pair,Type,Order Price,Order Amount,AvgTrading Price,Filled,Total,status
 *   2023-05-12 06:02:54,509120020,CAKEUSDT,BUY,1.787,22.38,1.787,22.38,39.99306,Filled
 *   ,Date(UTC),Trading Price,Filled,Total,Fee
 *   ,2023-05-12 06:03:14,1.787,22.38,39.99306000,0.00009936BNB
 * Older files have no OrderNo column and may be `;`-separated. Only the fill sub-rows become trades (with the order's pair, side and number); order rows and
 * sub-headers are skipped, cancelled orders simply have no fills. Rows are read in file order, so
 * a fill always belongs to the order row above it.
 */
export const binanceOrdersFormat: CsvTradeFormat<'binance-orders'> = {
  id: 'binance-orders',
  label: 'Binance spot order history',
  exchange: 'binance',
  detect: (h: HeaderIndex) => h.has('pair') && h.has('filled') && (h.has('avgtradingprice') || h.has('orderprice')) && (h.has('orderno') || h.has('status')),
  prepare(h, options) {
    const time = h.find(['dateutc', 'date', 'time']);
    const orderNo = h.find(['orderno']);
    const pair = h.find(['pair']);
    const side = h.find(['type', 'side']);
    const missing: string[] = [];
    if (time === undefined) missing.push('Date(UTC)');
    if (pair === undefined) missing.push('Pair');
    if (side === undefined) missing.push('Type');
    if (missing.length > 0) return { ok: false, missing };
    const readTime = rowTimeReader(h, time, options);
    let order: { pair: string; side: string; orderNo: string } | null = null;

    return {
      ok: true,
      mapRow(cells): RowResult {
        const first = cell(cells, 0);
        if (first !== '') {
          order = { pair: cell(cells, pair), side: cell(cells, side), orderNo: cell(cells, orderNo) };
          return { kind: 'skipped', reason: 'order rows (their fills are the sub-rows)' };
        }
        // Sub-row: ['', time, price, filled, total, fee]
        if (/^date/i.test(cell(cells, 1))) return { kind: 'skipped', reason: 'fill sub-headers' };
        if (order === null) return { kind: 'rejected', reasons: ['a fill row before any order row'] };
        const reasons: string[] = [];
        const t = readTime(cells, reasons, 1);
        const s = parseSide(order.side);
        if (s === null) reasons.push(`the order's side must be BUY or SELL, got "${order.side}"`);
        const split = splitPair(order.pair);
        if (split === null) reasons.push(`cannot tell base and quote of pair "${order.pair}"`);
        const assets = split ?? [];
        const p = parseAmountWithAsset(cell(cells, 2), assets)?.value ?? null;
        if (p === null || p <= 0) reasons.push(`price must be a positive number, got "${cell(cells, 2)}"`);
        const q = parseAmountWithAsset(cell(cells, 3), assets)?.value ?? null;
        if (q === null || q <= 0) reasons.push(`filled must be a positive number, got "${cell(cells, 3)}"`);
        const total = parseDecimal(cell(cells, 4)) ?? parseAmountWithAsset(cell(cells, 4), assets)?.value ?? null;
        const fee = parseAmountWithAsset(cell(cells, 5), [...assets, 'BNB']);
        if (fee === null) reasons.push(`unreadable fee "${cell(cells, 5)}"`);
        else if (fee.asset === null && fee.value !== 0) reasons.push('fee has no currency');
        if (reasons.length > 0 || t === null || s === null || split === null || p === null || q === null || fee === null) return { kind: 'rejected', reasons };
        return {
          kind: 'trade',
          draft: {
            exchange: 'binance',
            marketType: 'spot',
            symbol: unifiedSymbol(split[0], split[1], 'spot'),
            tradeId: null,
            orderId: order.orderNo || null,
            timestamp: t,
            side: s,
            price: p,
            amount: q,
            cost: total ?? p * q,
            feeCost: fee.value,
            feeCurrency: fee.asset,
            takerOrMaker: null,
            exchangeRealizedPnl: null,
          },
        };
      },
    };
  },
};
