import type { TradeDraft } from './columns';
import { formatDecimal } from './values';

/**
 * Exports without a trade id get a synthetic one built from the row's content:
 * `csv-<ms>-<side>-<price>-<amount>-<n>`, where n counts identical earlier rows in the same file
 * (two partial fills of one order can share time, price and amount). Readable, deterministic
 * and collision-free without a hash; '|' cannot occur, so it is key-safe.
 *
 * Dedupe caveat: a synthetic id can only equal another synthetic id. Re-importing the same or an
 * overlapping export dedupes against earlier imports (the store's unique key rejects them), but
 * never against fills fetched from the API, whose ids are the exchange's. So imports are meant
 * for history older than the API serves: pass `before` (the oldest API fill's time) to import.
 */
export class SyntheticIds {
  private readonly seen = new Map<string, number>();

  next(draft: TradeDraft): string {
    const base = `csv-${draft.timestamp}-${draft.side}-${formatDecimal(draft.price)}-${formatDecimal(draft.amount)}`;
    // Counted per symbol: the symbol is part of the trade key already.
    const counter = `${draft.symbol}|${base}`;
    const n = this.seen.get(counter) ?? 0;
    this.seen.set(counter, n + 1);
    return `${base}-${n}`;
  }
}
