import { EXCHANGE_IDS, type ExchangeId, MARKET_TYPES, type MarketType } from '../../../domain/types';
import { cell, type CsvTradeFormat, normalizeHeader, parseLiquidity, parseSide, type RowResult } from '../columns';
import { TRADE_COLUMNS } from '../export';
import { parseDecimal, parseUtcTime } from '../values';

/**
 * This app's own trade export (export.ts, TRADE_COLUMNS). Rows keep their exchange, market type,
 * symbol and trade id, so a re-import reproduces the same keys; the account is the one chosen
 * for the import (the `key` and `accountId` columns are informational and ignored).
 */
export const tradelogFormat: CsvTradeFormat<'tradelog'> = {
  id: 'tradelog',
  label: 'Tradelog trade export',
  exchange: 'tradelog',
  detect: (h) => h.has('feecost') && h.has('markettype') && h.has('tradeid') && h.has('exchange'),
  prepare(h) {
    const index = new Map<string, number | undefined>(TRADE_COLUMNS.map((c) => [c, h.find([normalizeHeader(c)])]));
    const required = ['exchange', 'marketType', 'symbol', 'tradeId', 'time', 'side', 'price', 'amount', 'feeCost'];
    const missing = required.filter((c) => index.get(c) === undefined);
    if (missing.length > 0) return { ok: false, missing };
    const get = (cells: readonly string[], c: (typeof TRADE_COLUMNS)[number]): string => cell(cells, index.get(c));

    return {
      ok: true,
      mapRow(cells): RowResult {
        const reasons: string[] = [];
        const exchange = get(cells, 'exchange');
        if (!isExchangeId(exchange)) reasons.push(`unknown exchange "${exchange}"`);
        const marketType = get(cells, 'marketType');
        if (!isMarketType(marketType)) reasons.push(`unknown market type "${marketType}"`);
        const symbol = get(cells, 'symbol');
        if (symbol === '') reasons.push('symbol is empty');
        const tradeId = get(cells, 'tradeId');
        if (tradeId === '') reasons.push('tradeId is empty');
        const t = parseUtcTime(get(cells, 'time'));
        if (t === null) reasons.push(`unreadable time "${get(cells, 'time')}"`);
        const side = parseSide(get(cells, 'side'));
        if (side === null) reasons.push(`side must be buy or sell, got "${get(cells, 'side')}"`);
        const price = parseDecimal(get(cells, 'price'));
        if (price === null || price <= 0) reasons.push(`price must be a positive number, got "${get(cells, 'price')}"`);
        const amount = parseDecimal(get(cells, 'amount'));
        if (amount === null || amount <= 0) reasons.push(`amount must be a positive number, got "${get(cells, 'amount')}"`);
        const feeCost = parseDecimal(get(cells, 'feeCost'));
        if (feeCost === null) reasons.push(`unreadable feeCost "${get(cells, 'feeCost')}"`);
        const costText = get(cells, 'cost');
        const cost = costText === '' ? null : parseDecimal(costText);
        if (costText !== '' && cost === null) reasons.push(`unreadable cost "${costText}"`);
        const pnlText = get(cells, 'exchangeRealizedPnl');
        const pnl = pnlText === '' ? null : parseDecimal(pnlText);
        if (pnlText !== '' && pnl === null) reasons.push(`unreadable exchangeRealizedPnl "${pnlText}"`);
        if (reasons.length > 0 || !isExchangeId(exchange) || !isMarketType(marketType) || t === null || side === null || price === null || amount === null || feeCost === null) return { kind: 'rejected', reasons };
        return {
          kind: 'trade',
          draft: {
            exchange,
            marketType,
            symbol,
            tradeId,
            orderId: get(cells, 'orderId') || null,
            timestamp: t,
            side,
            price,
            amount,
            cost: cost ?? price * amount,
            feeCost,
            feeCurrency: get(cells, 'feeCurrency') || null,
            takerOrMaker: parseLiquidity(get(cells, 'takerOrMaker')),
            exchangeRealizedPnl: pnl,
          },
        };
      },
    };
  },
};

function isExchangeId(value: string): value is ExchangeId {
  return (EXCHANGE_IDS as readonly string[]).includes(value);
}

function isMarketType(value: string): value is MarketType {
  return (MARKET_TYPES as readonly string[]).includes(value);
}
