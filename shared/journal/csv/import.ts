import { isKeySafe, tradeKey } from '../../domain/keys';
import type { MarketType, Trade } from '../../domain/types';
import { AppError } from '../../errors';
import { HeaderIndex } from './columns';
import { binanceFuturesFormat } from './formats/binance-futures';
import { binanceSpotFormat } from './formats/binance-spot';
import { bybitFormat } from './formats/bybit';
import { tradelogFormat } from './formats/tradelog';
import { parseCsv } from './rfc4180';
import { SyntheticIds } from './synthetic-id';

/** Detection order matters: the most specific header sets first. */
export const CSV_TRADE_FORMATS = [tradelogFormat, binanceFuturesFormat, binanceSpotFormat, bybitFormat] as const;
export type CsvFormatId = (typeof CSV_TRADE_FORMATS)[number]['id'];

export interface ImportOptions {
  /** The account the rows are imported into (part of every key). */
  accountId: string;
  /** Skip detection. */
  format?: CsvFormatId;
  /** For exports that do not say (see formats/bybit.ts). */
  marketType?: MarketType;
  /**
   * strict (default): any bad row -> AppError INVALID_INPUT listing every bad line; nothing is
   * returned, so nothing can be half-imported. lenient: valid rows plus the rejected lines, so
   * the UI can show both and let the user decide.
   */
  mode?: 'strict' | 'lenient';
  /**
   * Keep only rows strictly older than this time (ms): pass the oldest fill the API returned,
   * so imported history never overlaps synced rows (synthetic ids cannot dedupe against them).
   */
  before?: number;
}

export interface RejectedLine {
  line: number;
  reasons: string[];
}

export interface ImportResult {
  format: CsvFormatId;
  /** In file order. */
  trades: Trade[];
  /** Always empty in strict mode. */
  rejected: RejectedLine[];
  skipped: {
    /** Rows whose key repeats an earlier row of the same file (only possible with real ids). */
    duplicates: number;
    /** Rows at or after `before`. */
    notBefore: number;
    /** Rows that are not trades (e.g. Bybit funding rows). */
    notTrades: number;
  };
}

/** Lines reported in an error's issues at most; the message still gives the total. */
const MAX_ISSUES = 200;

export function detectCsvFormat(headers: readonly string[]): CsvFormatId | null {
  const index = new HeaderIndex(headers);
  return CSV_TRADE_FORMATS.find((f) => f.detect(index))?.id ?? null;
}

function fileError(message: string, issues: { path: string; message: string }[] = []): AppError {
  return new AppError('INVALID_INPUT', message, { issues });
}

/**
 * Reads an exchange's trade-history export (or this app's own export) into Trade records.
 * File-level problems (no header, unknown format, missing columns) always throw INVALID_INPUT.
 */
export function importTradesCsv(text: string, options: ImportOptions): ImportResult {
  if (!isKeySafe(options.accountId)) throw fileError('The account id cannot be used in a key.');
  const { records, problems } = parseCsv(text);
  const header = records[0];
  if (header === undefined) throw fileError('The file has no header row.');
  const index = new HeaderIndex(header.fields);
  const format =
    options.format === undefined ? CSV_TRADE_FORMATS.find((f) => f.detect(index)) : CSV_TRADE_FORMATS.find((f) => f.id === options.format);
  if (format === undefined) {
    throw fileError('This CSV is not a trade export the app can read (Binance spot, Binance USD-M futures, Bybit, or this app’s own).', [
      { path: `line ${header.line}`, message: `header: ${header.fields.join(',').slice(0, 200)}` },
    ]);
  }
  const prepared = format.prepare(index, options.marketType === undefined ? {} : { marketType: options.marketType });
  if (!prepared.ok) {
    throw fileError(`The ${format.label} file lacks required columns: ${prepared.missing.join(', ')}.`, prepared.missing.map((m) => ({ path: 'header', message: `missing column ${m}` })));
  }

  const rejected: RejectedLine[] = problems.filter((p) => p.line > header.line).map((p) => ({ line: p.line, reasons: [p.message] }));
  const trades: Trade[] = [];
  const seen = new Set<string>();
  const ids = new SyntheticIds();
  const skipped = { duplicates: 0, notBefore: 0, notTrades: 0 };

  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record === undefined || record.fields.every((f) => f.trim() === '')) continue;
    if (record.fields.length > header.fields.length && record.fields.slice(header.fields.length).some((f) => f.trim() !== '')) {
      rejected.push({ line: record.line, reasons: [`${record.fields.length} fields, the header has ${header.fields.length} (an unquoted comma?)`] });
      continue;
    }
    const result = prepared.mapRow(record.fields);
    if (result.kind === 'rejected') {
      rejected.push({ line: record.line, reasons: result.reasons });
      continue;
    }
    if (result.kind === 'skipped') {
      skipped.notTrades++;
      continue;
    }
    const draft = result.draft;
    if (options.before !== undefined && draft.timestamp >= options.before) {
      skipped.notBefore++;
      continue;
    }
    const tradeId = draft.tradeId ?? ids.next(draft);
    if (!isKeySafe(tradeId) || !isKeySafe(draft.symbol)) {
      rejected.push({ line: record.line, reasons: ['trade id or symbol contains "|"'] });
      continue;
    }
    const key = tradeKey(draft.exchange, options.accountId, draft.marketType, draft.symbol, tradeId);
    if (seen.has(key)) {
      skipped.duplicates++;
      continue;
    }
    seen.add(key);
    trades.push({ ...draft, key, accountId: options.accountId, tradeId });
  }

  rejected.sort((a, b) => a.line - b.line);
  if ((options.mode ?? 'strict') === 'strict' && rejected.length > 0) {
    throw fileError(
      `${rejected.length} line${rejected.length === 1 ? '' : 's'} of the ${format.label} file could not be read; nothing was imported.`,
      rejected.slice(0, MAX_ISSUES).map((r) => ({ path: `line ${r.line}`, message: r.reasons.join('; ') })),
    );
  }
  return { format: format.id, trades, rejected, skipped };
}
