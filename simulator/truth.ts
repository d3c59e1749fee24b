import { tradeKey } from '../shared/domain/keys';
import type { ExchangeId } from '../shared/domain/types';
import type { SimHistory } from './types';

/**
 * The journal keys a correct sync of this history stores (sorted): the ground truth that sync,
 * crash and fault tests compare IndexedDB against. Binance keys on the per-symbol trade id,
 * Bybit on execId; symbols are ccxt's unified form.
 */
export function groundTruthTradeKeys(truth: Pick<SimHistory, 'markets' | 'trades'>, exchange: ExchangeId, accountId: string): string[] {
  const markets = new Map(truth.markets.map((m) => [`${m.marketType}:${m.id}`, m]));
  return truth.trades.map((t) => {
    const m = markets.get(`${t.marketType}:${t.symbol}`);
    if (m === undefined) throw new Error(`ground truth has a trade on an unlisted market: ${t.symbol}`);
    const symbol = t.marketType === 'spot' ? `${m.base}/${m.quote}` : `${m.base}/${m.quote}:${m.quote}`;
    return tradeKey(exchange, accountId, t.marketType, symbol, exchange === 'bybit' ? t.execId : String(t.id));
  }).sort();
}
