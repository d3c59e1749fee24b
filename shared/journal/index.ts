/**
 * Public surface of the journal logic: derived data (positions, round trips, per-fill P&L,
 * stats, reconciliation) recomputed from stored fills and income rows, plus CSV export/import.
 * Pure TypeScript: safe in main, the renderer and a Worker. Rules: README.md in this folder.
 */
export { JournalBook, computeJournal, type BookCheckpoint, type ComputedJournal, type JournalOptions, type JournalSnapshot } from './book';
export { FuturesBook, fundingTarget, splitFunding, type FundingSplit, type FuturesBookOptions, type FuturesCheckpoint, type FuturesSnapshot } from './futures';
export { SpotBook, type Lot, type SpotBookOptions, type SpotCheckpoint, type SpotSnapshot } from './spot';
export { compareFills, compareTradeIds, sortFills } from './order';
export { symbolCurrencies, type SymbolCurrencies } from './symbols';
export type { BookOptions, CurrencyAmounts, Direction, FillOutcome, FillRef, Position, PositionStatus, QuoteConverter, UnattributedFunding, UnmatchedSell } from './types';
export { computeStats, filterClosed, profitFactor, selectClosed, utcDay, type EquityPoint, type GroupStats, type JournalStats, type StatsFilter, type StatsOptions } from './stats';
export { computeExcursion, type Excursion, type ExcursionInput } from './excursion';
export { R_BINS, rBin, rMultiple, riskOf, summarizeR, type RSummary } from './r-multiple';
export { LabelGroups, MISTAKE_PREFIX, NO_SETUP, SETUP_PREFIX, labelsOf, statsByLabel, type LabelStats } from './setup-stats';
export { Reconciler, reconcileRealizedPnl, type FillDifference, type ReconcileOptions, type ReconciliationReport, type SymbolReconciliation } from './reconcile';
export { POSITION_COLUMNS, TRADE_COLUMNS, positionsToCsv, tradesToCsv } from './csv/export';
export { CSV_TRADE_FORMATS, detectCsvFormat, importTradesCsv, type CsvFormatId, type ImportOptions, type ImportResult, type RejectedLine } from './csv/import';
export { parseCsv, writeCsv, type CsvRecord, type ParsedCsv } from './csv/rfc4180';
export type { AccumulatorState } from './accumulator';
