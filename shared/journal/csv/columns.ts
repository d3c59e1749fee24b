import type { ClosedPnlDraft } from './formats/bybit-closed-pnl';
import type { Income, Liquidity, MarketType, Movement, Side, Trade } from '../../domain/types';
import type { PendingDraft } from './pending-kinds';
import type { StatementLeg } from './statement-legs';

/** `Date(UTC)` -> `dateutc`: exports vary in case, spaces and punctuation, never in letters. */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export class HeaderIndex {
  private readonly byName = new Map<string, number>();

  constructor(private readonly headers: readonly string[]) {
    headers.forEach((h, i) => {
      // `Time(UTC+8)` is also found as `Time(UTC)`: the offset is read from raw() by the format.
      const names = [normalizeHeader(h), normalizeHeader(h.replace(/UTC\s*[+-]\s*\d{1,2}(?::?\d{2})?/i, 'UTC'))];
      for (const name of names) {
        // First occurrence wins, so a repeated column cannot silently change the meaning.
        if (name !== '' && !this.byName.has(name)) this.byName.set(name, i);
      }
    });
  }

  /** The header as the file wrote it (for the UTC offset a time column states). */
  raw(index: number | undefined): string {
    return index === undefined ? '' : (this.headers[index] ?? '');
  }

  /** Normalized names of every column, for error messages and export detection. */
  names(): string[] {
    return this.headers.map(normalizeHeader);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Index of the first alias present. */
  find(aliases: readonly string[]): number | undefined {
    for (const a of aliases) {
      const i = this.byName.get(a);
      if (i !== undefined) return i;
    }
    return undefined;
  }
}

/** A fill read from one export row, before it gets its account and key. */
export type TradeDraft = Omit<Trade, 'key' | 'accountId' | 'tradeId'> & {
  /** The export's own trade id; null -> a synthetic id is derived (see synthetic-id.ts). */
  tradeId: string | null;
};

/** An income row of a ledger export, before its account, id and key (ids are synthetic: see synthetic-id.ts). */
export type IncomeDraft = Omit<Income, 'key' | 'accountId' | 'incomeId'>;
/** A deposit or withdrawal row of a ledger export, before its account, id and key. */
export type MovementDraft = Omit<Movement, 'key' | 'accountId' | 'movementId'> & { movementId: string | null };

export type RowResult =
  | { kind: 'trade'; draft: TradeDraft }
  | { kind: 'income'; draft: IncomeDraft }
  | { kind: 'movement'; draft: MovementDraft }
  | { kind: 'pending'; draft: PendingDraft }
  /** One coin's side of a spot fill in a ledger export: fills are rebuilt from these after all rows are read (statement-legs.ts). */
  | { kind: 'leg'; draft: Omit<StatementLeg, 'line'> }
  /** One closed position of a closed P&L export: its own record kind, neither a fill nor income (formats/bybit-closed-pnl.ts). */
  | { kind: 'closedPnl'; draft: ClosedPnlDraft }
  | { kind: 'rejected'; reasons: string[] }
  /** A row the file holds but that is not a record of its own (a trade's balance leg, a header repeat); `reason` is shown as a count per reason. */
  | { kind: 'skipped'; reason: string };

export type RowMapper = (cells: readonly string[]) => RowResult;

export interface FormatOptions {
  /** Needed where the export does not say (Bybit exports without a Contracts/Spot Pairs column). */
  marketType?: MarketType;
  /** The UTC offset the file's name states (Binance: `...(UTC+3).csv`), used when the time column's header states none. */
  utcOffsetMinutes?: number;
}

export type PrepareResult = { ok: true; mapRow: RowMapper } | { ok: false; missing: string[] };

export interface CsvTradeFormat<Id extends string = string> {
  id: Id;
  label: string;
  /** What the file is on the exchange's site (shown with the result and in docs/EXPORTS.md). */
  exchange: 'binance' | 'bybit' | 'tradelog';
  /** True when the header row looks like this format's export. */
  detect(headers: HeaderIndex): boolean;
  prepare(headers: HeaderIndex, options: FormatOptions): PrepareResult;
}

/** Reads cells by column index; missing optional columns read as ''. */
export function cell(cells: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (cells[index] ?? '').trim();
}

export function parseSide(raw: string): Side | null {
  const s = raw.trim().toLowerCase();
  if (s === 'buy' || s === 'b') return 'buy';
  if (s === 'sell' || s === 's') return 'sell';
  return null;
}

/** Quote currencies tried (longest first) when a pair like `BTCUSDT` carries no separator. */
export const KNOWN_QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USDE', 'DAI', 'EUR', 'TRY', 'BRL', 'GBP', 'JPY', 'BTC', 'ETH', 'BNB'] as const;

/**
 * `BTCUSDT` / `BTC/USDT` / `BTC-USDT` -> [base, quote]. `quoteHint` (an asset suffix seen in the
 * row) wins over the list of known quotes. Null when no split is credible.
 */
export function splitPair(raw: string, quoteHint: string | null = null): [string, string] | null {
  const pair = raw.trim().toUpperCase().split(':')[0] ?? '';
  const sep = /[/_-]/.exec(pair);
  if (sep !== null) {
    const base = pair.slice(0, sep.index);
    const quote = pair.slice(sep.index + 1);
    // `BTCUSDT_240329` / `BTC-29MAR24` are dated delivery contracts, not base/quote pairs.
    return base !== '' && quote !== '' && !/^\d/.test(quote) ? [base, quote] : null;
  }
  const quotes = quoteHint === null ? KNOWN_QUOTES : [quoteHint.toUpperCase()];
  for (const q of [...quotes].sort((a, b) => b.length - a.length)) {
    if (pair.length > q.length && pair.endsWith(q)) return [pair.slice(0, pair.length - q.length), q];
  }
  return null;
}

export function unifiedSymbol(base: string, quote: string, marketType: MarketType): string {
  return marketType === 'linear' ? `${base}/${quote}:${quote}` : `${base}/${quote}`;
}

export function parseLiquidity(raw: string): Liquidity | null {
  const s = raw.trim().toLowerCase();
  if (s === 'maker' || s === 'true') return 'maker';
  if (s === 'taker' || s === 'false') return 'taker';
  return null;
}
