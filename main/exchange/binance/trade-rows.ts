import { Precise, type Exchange, type Trade } from 'ccxt';
import { AppError } from '../../../shared/errors';
import type { MarketInfo } from '../adapter';

/**
 * Binance's account trade rows read into the unified trade shape the trades normalizer takes
 * (shared/normalize/trades.ts), without ccxt's parseTrades.
 *
 * Why: ccxt builds each trade through safeTrade (fee lists reduced by currency, an ISO date, every
 * number through its string arithmetic) and that was the largest part of the engine's own CPU on
 * a first sync: about 8 ms of a 1,000-row page, on the thread that also sends the next requests
 * (docs/BENCHMARKS.md, "Small account: where the time went").
 *
 * The rows (Binance docs): spot `GET /api/v3/myTrades` ("Account trade list": symbol, id, orderId,
 * price, qty, quoteQty, commission, commissionAsset, time, isBuyer, isMaker) and USD-M
 * `GET /fapi/v1/userTrades` ("Account Trade List": the same without isBuyer/isMaker, with side,
 * buyer, maker, realizedPnl, positionSide). Each field is read as ccxt's binance `parseTrade`
 * reads it for these two endpoints, so the normalized trades are the same:
 * trade-rows.test.ts holds both readings equal on recorded and generated rows.
 */

type Row = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** ccxt's parseNumber of a decimal string: a number, or undefined when the field is missing. */
function number(value: unknown): number | undefined {
  const s = text(value);
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  return Number.isNaN(n) ? undefined : n;
}

function integer(value: unknown): number | undefined {
  const n = number(value);
  return n === undefined ? undefined : Math.trunc(n);
}

function side(row: Row): string | undefined {
  if ('side' in row) return text(row['side'])?.toLowerCase();
  if ('isBuyer' in row) return row['isBuyer'] === true ? 'buy' : 'sell';
  return undefined;
}

function takerOrMaker(row: Row): string | undefined {
  if ('maker' in row) return row['maker'] === true ? 'maker' : 'taker';
  if ('isMaker' in row) return row['isMaker'] === true ? 'maker' : 'taker';
  return undefined;
}

/** Whether ccxt takes the field as given: a non-empty string or a finite number. */
function given(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

function decimalProduct(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined || b === undefined || a === '' || b === '' ? undefined : Precise.stringMul(a, b);
}

/**
 * `raw`: the parsed body of one trades page. A body that is not a list is a bad response; a row
 * that is not an object is passed on as it is, so the normalizer counts it as invalid with its
 * reason instead of the page failing.
 */
export function readBinanceTrades(ex: Exchange, market: MarketInfo, raw: unknown): Trade[] {
  if (!Array.isArray(raw)) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: the trade list was not a list.');
  const kind = market.marketType === 'spot' ? 'spot' : 'contract';
  const requested = ex.market(market.symbol);
  // Every row of a page names the requested market; looked up once per distinct id all the same.
  const symbols = new Map<string, string>();
  const symbolOf = (id: string | undefined): string => {
    const key = id ?? '';
    let symbol = symbols.get(key);
    if (symbol === undefined) {
      symbol = ex.safeMarket(id, requested, undefined, kind).symbol;
      symbols.set(key, symbol);
    }
    return symbol;
  };
  return raw.map((row: unknown): Trade => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return row as Trade;
    const r = row as Row;
    const price = number(r['price']);
    const amount = number(r['qty']);
    const timestamp = integer(r['time']);
    // ccxt drops a fee without a cost, currency and all.
    const feeCost = number(r['commission']);
    const fee = feeCost === undefined ? undefined : { cost: feeCost, currency: ex.safeCurrencyCode(text(r['commissionAsset'])) };
    // Only the fields the normalizer reads, plus `info` (realizedPnl); the rest of ccxt's shape is left out.
    return {
      info: r,
      id: text(r['id']),
      order: text(r['orderId']),
      symbol: symbolOf(text(r['symbol'])),
      timestamp,
      side: side(r),
      takerOrMaker: takerOrMaker(r),
      price,
      amount,
      // A row without quoteQty (the older docs' example) is priced as ccxt's safeTrade prices it, in
      // decimal strings; a quoteQty that does not read as a number leaves the cost to the normalizer.
      cost: given(r['quoteQty']) ? number(r['quoteQty']) : number(decimalProduct(text(r['price']), text(r['qty']))),
      fee,
    } as unknown as Trade;
  });
}
