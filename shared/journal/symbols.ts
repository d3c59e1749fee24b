/**
 * Currencies of a unified ccxt symbol: `BTC/USDT` (spot) or `BTC/USDT:USDT` (linear, settled in
 * USDT). Used to decide whether a fee or a funding row is already in quote currency.
 */
export interface SymbolCurrencies {
  base: string;
  quote: string;
  /** Settlement currency; equals `quote` for spot. */
  settle: string;
}

export function symbolCurrencies(symbol: string): SymbolCurrencies {
  const [pair = '', settlePart] = symbol.split(':');
  const slash = pair.indexOf('/');
  const base = slash < 0 ? pair : pair.slice(0, slash);
  const quote = slash < 0 ? '' : pair.slice(slash + 1);
  return { base, quote, settle: settlePart ?? quote };
}
