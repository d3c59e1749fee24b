import { cell, type CsvTradeFormat, type HeaderIndex, parseSide, type RowResult, splitPair, unifiedSymbol } from '../columns';
import { parseAmountWithAsset, parseDecimal } from '../values';
import { rowTimeReader } from '../row-time';

/**
 * Binance spot "Trade History" export:
 *   Date(UTC),Pair,Side,Price,Executed,Amount,Fee
 *   2024-03-05 14:07:09,BTCUSDT,BUY,"62,000.00",0.5BTC,"31,000.00USDT",0.0005BTC
 * Executed carries the base asset, Amount the quote asset, Fee its own asset (base, quote or
 * BNB). The pair is split so that Executed's suffix + Amount's suffix == Pair, which also
 * handles assets starting with digits (1INCH). Optional columns used when present:
 * `Trade ID`/`TradeId` (then the id is the exchange's, same as the API's), `Order ID`,
 * `Fee Coin`/`Fee Asset` (when Fee is a bare number). Older exports write two-digit years.
 *
 * The older layout is read too: `Date(UTC),Market,Type,Price,Amount,Total,Fee,Fee Coin`, where
 * Amount is the base quantity and Total the quote value, both bare numbers.
 */
const TIME = ['dateutc', 'timeutc', 'date', 'time'];
const TRADE_ID = ['tradeid', 'id'];
const ORDER_ID = ['orderid', 'orderno'];
const FEE_COIN = ['feecoin', 'feeasset', 'feecurrency'];

export const binanceSpotFormat: CsvTradeFormat<'binance-spot'> = {
  id: 'binance-spot',
  label: 'Binance spot trade history',
  exchange: 'binance',
  detect: (h: HeaderIndex) => (h.has('pair') && h.has('executed') && h.has('side')) || isOlderLayout(h),
  prepare(h, options) {
    const older = isOlderLayout(h);
    const time = h.find(TIME);
    const pair = h.find(['pair', 'market']);
    const side = h.find(['side', 'type']);
    const price = h.find(['price']);
    const executed = h.find(older ? ['amount'] : ['executed']);
    const amount = h.find(older ? ['total'] : ['amount', 'total']);
    const fee = h.find(['fee']);
    const missing: string[] = [];
    if (time === undefined) missing.push('Date(UTC)');
    if (pair === undefined) missing.push('Pair');
    if (side === undefined) missing.push('Side');
    if (price === undefined) missing.push('Price');
    if (executed === undefined) missing.push(older ? 'Amount' : 'Executed');
    if (amount === undefined) missing.push(older ? 'Total' : 'Amount');
    if (fee === undefined) missing.push('Fee');
    if (missing.length > 0) return { ok: false, missing };
    const tradeId = h.find(TRADE_ID);
    const orderId = h.find(ORDER_ID);
    const feeCoin = h.find(FEE_COIN);

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
        const assets = splitByAssets(cell(cells, pair), cell(cells, executed), cell(cells, amount));
        if (assets === null) reasons.push(`cannot read Executed "${cell(cells, executed)}" and Amount "${cell(cells, amount)}" as amounts of pair "${cell(cells, pair)}"`);
        else if (assets.qty <= 0) reasons.push('Executed must be positive');
        let feeCost = 0;
        let feeCurrency: string | null = null;
        if (assets !== null) {
          const f = parseAmountWithAsset(cell(cells, fee), [assets.base, assets.quote, 'BNB']);
          const coin = cell(cells, feeCoin).toUpperCase();
          if (f === null) reasons.push(`unreadable fee "${cell(cells, fee)}"`);
          else if (f.asset === null && coin === '' && f.value !== 0) reasons.push('fee has no currency');
          else {
            feeCost = f.value;
            feeCurrency = f.asset ?? (coin === '' ? null : coin);
          }
        }
        if (reasons.length > 0 || t === null || s === null || p === null || assets === null) return { kind: 'rejected', reasons };
        return {
          kind: 'trade',
          draft: {
            exchange: 'binance',
            marketType: 'spot',
            symbol: unifiedSymbol(assets.base, assets.quote, 'spot'),
            tradeId: cell(cells, tradeId) || null,
            orderId: cell(cells, orderId) || null,
            timestamp: t,
            side: s,
            price: p,
            amount: assets.qty,
            cost: assets.cost,
            feeCost,
            feeCurrency,
            takerOrMaker: null,
            exchangeRealizedPnl: null,
          },
        };
      },
    };
  },
};

function isOlderLayout(h: HeaderIndex): boolean {
  return !h.has('executed') && h.has('market') && h.has('type') && h.has('total') && h.has('amount');
}

/** Finds base+quote such that pair == base + quote, Executed ends in base and Amount in quote. */
function splitByAssets(pairRaw: string, executed: string, amount: string): { base: string; quote: string; qty: number; cost: number } | null {
  const pair = pairRaw.trim().toUpperCase().replace(/[/_-]/g, '');
  const plainQty = parseDecimal(executed);
  const plainCost = parseDecimal(amount);
  if (plainQty !== null && plainCost !== null) {
    const split = splitPair(pair);
    return split === null ? null : { base: split[0], quote: split[1], qty: plainQty, cost: plainCost };
  }
  for (let i = 1; i < pair.length; i++) {
    const base = pair.slice(0, i);
    const quote = pair.slice(i);
    const q = parseAmountWithAsset(executed, [base]);
    const c = parseAmountWithAsset(amount, [quote]);
    if (q?.asset === base && c?.asset === quote) return { base, quote, qty: q.value, cost: c.value };
  }
  return null;
}
