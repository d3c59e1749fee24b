import { assetFlowKey, incomeKey, isKeySafe, movementKey, tradeKey } from '../../domain/keys';
import type { AssetFlow, Income, MarketType, Movement, Trade } from '../../domain/types';
import { AppError } from '../../errors';
import { assertNever } from '../../never';
import { HeaderIndex } from './columns';
import { unrecognizedFileAdvice } from './export-guide';
import { binanceFuturesFormat } from './formats/binance-futures';
import { binanceOrdersFormat } from './formats/binance-orders';
import { binanceSpotFormat } from './formats/binance-spot';
import { binanceStatementFormat } from './formats/binance-statement';
import { bybitFormat } from './formats/bybit';
import { bybitFundingFormat, bybitTransactionLogFormat } from './formats/bybit-ledger';
import { bybitClosedPnlFormat } from './formats/bybit-closed-pnl';
import { closedPnlKey, type ClosedPnlRow } from '../../domain/closed-pnl-row';
import { tradelogFormat } from './formats/tradelog';
import { pairConverts, type UnpairedConvertReason } from './convert-pairs';
import type { PendingRecord } from './pending-kinds';
import { sniffTable } from './sniff';
import { fileNameUtcOffset, formatDecimal } from './values';
import { fillsFromLegs, type StatementLeg } from './statement-legs';
import type { TradeDraft } from './columns';
import { LedgerIds, SyntheticIds } from './synthetic-id';

/** Detection order matters: the most specific header sets first. */
export const CSV_TRADE_FORMATS = [
  tradelogFormat,
  binanceStatementFormat,
  binanceOrdersFormat,
  binanceFuturesFormat,
  binanceSpotFormat,
  bybitClosedPnlFormat,
  bybitTransactionLogFormat,
  bybitFundingFormat,
  bybitFormat,
] as const;
export type CsvFormatId = (typeof CSV_TRADE_FORMATS)[number]['id'];

export interface ImportOptions {
  /** The account the rows are imported into (part of every key). */
  accountId: string;
  /** Skip detection. */
  format?: CsvFormatId;
  /** For exports that do not say (see formats/bybit.ts). */
  marketType?: MarketType;
  /** The file's name: Binance writes the UTC offset the user chose into it (`...(UTC+3).csv`). */
  fileName?: string;
  /**
   * strict (default): any bad row -> AppError INVALID_INPUT listing every bad line; nothing is
   * returned, so nothing can be half-imported. lenient: valid rows plus the rejected lines, so
   * the UI can show both and let the user decide.
   */
  mode?: 'strict' | 'lenient';
  /**
   * Keep only fills strictly older than this time (ms). Optional: the store's import
   * (renderer/db/file-import.ts) matches file rows against synced ones instead (csv/match.ts).
   */
  before?: number;
}

export interface RejectedLine {
  line: number;
  reasons: string[];
}

export interface ImportResult {
  format: CsvFormatId;
  /** The file's field separator (`,` or `;` or tab), sniffed. */
  delimiter: string;
  /** In file order. */
  trades: Trade[];
  /** Income rows of ledger exports (futures P&L, funding, fees), in file order. */
  income: Income[];
  /** Deposits and withdrawals of ledger exports, in file order. */
  movements: Movement[];
  /** Converts, dust, rewards and wallet transfers as the file states them (see pending-kinds.ts), in file order. */
  pending: PendingRecord[];
  /** The same rows as the `assetFlows` records they are stored as: the two rows of one convert as one two-leg flow (convert-pairs.ts). */
  flows: AssetFlow[];
  /** Convert rows that could not be paired into one flow, per reason (they are stored one leg per row). */
  unpairedConverts: { reason: UnpairedConvertReason; rows: number }[];
  /** Closed-position summaries of a closed P&L export (their own record kind; docs/EXPORTS.md, "Bybit closed P&L"), in file order. */
  closedPnl: ClosedPnlRow[];
  /** Rows that are not records of their own, counted per reason (trade legs of a statement, order rows...). */
  skippedReasons: { reason: string; rows: number }[];
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

const isKnownHeader = (fields: readonly string[]): boolean => detectCsvFormat(fields) !== null;

function fileError(message: string, issues: { path: string; message: string }[] = []): AppError {
  return new AppError('INVALID_INPUT', message, { issues });
}

/**
 * Reads an exchange's trade-history export (or this app's own export) into Trade records.
 * File-level problems (no header, unknown format, missing columns) always throw INVALID_INPUT.
 */
export function importTradesCsv(text: string, options: ImportOptions): ImportResult {
  if (!isKeySafe(options.accountId)) throw fileError('The account id cannot be used in a key.');
  const { delimiter, records, problems, headerAt } = sniffTable(text, isKnownHeader);
  const header = records[headerAt];
  if (header === undefined) throw fileError('The file has no header row.');
  const index = new HeaderIndex(header.fields);
  const format =
    options.format === undefined ? CSV_TRADE_FORMATS.find((f) => f.detect(index)) : CSV_TRADE_FORMATS.find((f) => f.id === options.format);
  if (format === undefined) {
    throw fileError('This file is not an export the app can read. Download one of these from the exchange and import it:', [
      { path: `line ${header.line}`, message: `header: ${header.fields.join(delimiter).slice(0, 200)}` },
      ...unrecognizedFileAdvice().map((advice) => ({ path: 'export', message: advice })),
    ]);
  }
  const fileOffset = options.fileName === undefined ? null : fileNameUtcOffset(options.fileName);
  const prepared = format.prepare(index, {
    ...(options.marketType === undefined ? {} : { marketType: options.marketType }),
    ...(fileOffset === null ? {} : { utcOffsetMinutes: fileOffset }),
  });
  if (!prepared.ok) {
    throw fileError(`The ${format.label} file lacks required columns: ${prepared.missing.join(', ')}.`, prepared.missing.map((m) => ({ path: 'header', message: `missing column ${m}` })));
  }

  const rejected: RejectedLine[] = problems.filter((p) => p.line > header.line).map((p) => ({ line: p.line, reasons: [p.message] }));
  const trades: Trade[] = [];
  const income: Income[] = [];
  const movements: Movement[] = [];
  const pending: PendingRecord[] = [];
  const closedPnl: ClosedPnlRow[] = [];
  const skippedBy = new Map<string, number>();
  const seen = new Set<string>();
  const ids = new SyntheticIds();
  const ledgerIds = new LedgerIds();
  const skipped = { duplicates: 0, notBefore: 0, notTrades: 0 };
  const legs: StatementLeg[] = [];
  const { accountId } = options;
  const keep = (key: string): boolean => {
    if (seen.has(key)) {
      skipped.duplicates++;
      return false;
    }
    seen.add(key);
    return true;
  };
  const addTrade = (draft: TradeDraft, line: number): void => {
    if (options.before !== undefined && draft.timestamp >= options.before) {
      skipped.notBefore++;
      return;
    }
    const tradeId = draft.tradeId ?? ids.next(draft);
    if (!isKeySafe(tradeId) || !isKeySafe(draft.symbol)) {
      rejected.push({ line, reasons: ['trade id or symbol contains "|"'] });
      return;
    }
    const key = tradeKey(draft.exchange, accountId, draft.marketType, draft.symbol, tradeId);
    if (keep(key)) trades.push({ ...draft, key, accountId, tradeId });
  };
  const skip = (reason: string, rows: number): void => {
    skipped.notTrades += rows;
    skippedBy.set(reason, (skippedBy.get(reason) ?? 0) + rows);
  };

  for (let r = headerAt + 1; r < records.length; r++) {
    const record = records[r];
    if (record === undefined || record.fields.every((f) => f.trim() === '')) continue;
    // Binance writes this single cell into an export with no rows.
    if (/^no data matches/i.test(record.fields[0]?.trim() ?? '') && record.fields.slice(1).every((f) => f.trim() === '')) continue;
    if (record.fields.length > header.fields.length && record.fields.slice(header.fields.length).some((f) => f.trim() !== '')) {
      rejected.push({ line: record.line, reasons: [`${record.fields.length} fields, the header has ${header.fields.length} (an unquoted ${delimiter === ';' ? 'semicolon' : 'comma'}?)`] });
      continue;
    }
    const result = prepared.mapRow(delimiter === ';' ? record.fields.map(decimalComma) : record.fields);
    switch (result.kind) {
      case 'rejected':
        rejected.push({ line: record.line, reasons: result.reasons });
        continue;
      case 'skipped':
        skip(result.reason, 1);
        continue;
      case 'leg':
        legs.push({ ...result.draft, line: record.line });
        continue;
      case 'income': {
        const d = result.draft;
        const incomeId = ledgerIds.next(d.incomeType, d.timestamp, d.asset, d.amount, d.symbol ?? '');
        const key = incomeKey(d.exchange, accountId, d.incomeType, incomeId);
        if (keep(key)) income.push({ ...d, key, accountId, incomeId });
        continue;
      }
      case 'movement': {
        const d = result.draft;
        const movementId = d.movementId ?? ledgerIds.next(d.type, d.timestamp, d.currency, d.amount, '');
        const key = movementKey(d.exchange, accountId, d.type, movementId);
        if (keep(key)) movements.push({ ...d, key, accountId, movementId });
        continue;
      }
      case 'pending': {
        const d = result.draft;
        const flowId = ledgerIds.next(d.kind, d.timestamp, d.asset, d.amount, d.operation);
        const key = assetFlowKey(d.exchange, accountId, d.kind, flowId);
        if (keep(key)) pending.push({ ...d, key, accountId, flowId });
        continue;
      }
      case 'closedPnl': {
        const d = result.draft;
        const rowId = ledgerIds.next('closedpnl', d.closedAt, `${d.symbolId}-${formatDecimal(d.qty)}`, d.closedPnl, '');
        const key = closedPnlKey(d.exchange, accountId, d.symbol, rowId);
        if (keep(key)) closedPnl.push({ ...d, key, accountId, rowId });
        continue;
      }
      case 'trade':
        addTrade(result.draft, record.line);
        continue;
      default:
        return assertNever(result);
    }
  }
  // Ledger exports list a fill as one row per coin: rebuilt once every row is read.
  const rebuilt = fillsFromLegs(legs);
  for (const f of rebuilt.fills) addTrade(f.draft, f.line);
  for (const r of rebuilt.refused) skip(r.reason, r.rows);

  rejected.sort((a, b) => a.line - b.line);
  if ((options.mode ?? 'strict') === 'strict' && rejected.length > 0) {
    throw fileError(
      `${rejected.length} line${rejected.length === 1 ? '' : 's'} of the ${format.label} file could not be read; nothing was imported.`,
      rejected.slice(0, MAX_ISSUES).map((r) => ({ path: `line ${r.line}`, message: r.reasons.join('; ') })),
    );
  }
  const skippedReasons = [...skippedBy].map(([reason, rows]) => ({ reason, rows }));
  const paired = pairConverts(pending);
  return { format: format.id, delimiter, trades, income, movements, pending, flows: paired.flows, closedPnl, unpairedConverts: paired.unpaired, skippedReasons, rejected, skipped };
}

/** `;`-separated exports come from locales that write decimals with a comma: `0,5` -> `0.5`. */
function decimalComma(field: string): string {
  return /^\s*[+-]?\d+,\d+(?:[eE][+-]?\d+)?\s*(?:[A-Za-z][A-Za-z0-9]*)?\s*$/.test(field) ? field.replace(',', '.') : field;
}
