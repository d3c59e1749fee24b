import type { TradeDraft } from './columns';
import { formatDecimal } from './values';

/**
 * Exports without a trade id get a synthetic one built from the row's content:
 * `csv-<ms>-<side>-<price>-<amount>-<n>`, where n counts identical earlier rows in the same file
 * (two partial fills of one order can share time, price and amount). Readable, deterministic
 * and collision-free without a hash; '|' cannot occur, so it is key-safe.
 *
 * A synthetic id equals only another synthetic id: re-importing the same or an overlapping export
 * dedupes by key. Against fills fetched from the API (the exchange's ids) the match rule in
 * match.ts applies (time at the file's resolution, symbol, side, price, quantity; docs/EXPORTS.md).
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

/**
 * Ids for ledger rows (income, deposits, withdrawals, pending kinds) of exports that carry none:
 * `csv-<kind>-<ms>-<asset>-<amount>[-<extra>]-<n>`, n counting identical earlier rows of the file
 * (a statement can list two equal funding payments in one second on two contracts). Deterministic,
 * so a re-import yields the same keys and the store's unique key skips them.
 */
export class LedgerIds {
  private readonly seen = new Map<string, number>();

  next(kind: string, timestamp: number, asset: string, amount: number, extra: string): string {
    const tail = extra === '' ? '' : `-${extra.replace(/[^A-Za-z0-9/:]/g, '')}`;
    const base = `csv-${kind}-${timestamp}-${asset}-${formatDecimal(amount)}${tail}`;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return `${base}-${n}`;
  }
}
