/**
 * Which USD-M symbols need no trade search at all (docs/HISTORY-KINDS.md, "USD-M fills and their
 * evidence"). Binance's income history names the symbol of every fill that moved money: a
 * COMMISSION row for every fill with a fee, a REALIZED_PNL row for every fill that closed a
 * position (both carry `symbol` and `tradeId`). So over a span the income stream read in full, a
 * symbol without any income row and without an open position had no fill there, except one with
 * neither fee nor realized P&L that left no position (a zero-fee round trip at its entry price).
 *
 * Pure: the pipeline gathers the evidence (this attempt's income stream, the open positions).
 */
export interface LinearEvidence {
  /** Candidates never asked (no checkpoint): the only ones the evidence can spare. */
  unasked: readonly string[];
  /** Symbols named by an income row this attempt read. */
  incomeSymbols: ReadonlySet<string>;
  /** Symbols with an open position now. */
  openPositions: ReadonlySet<string>;
  /** From when this attempt's income stream read every row to now; null = it did not run to its end. */
  incomeCoveredFrom: number | null;
  /** Where a fresh trade search of these symbols would start. */
  searchStart: number;
}

/** The unasked symbols that provably had no fill since `searchStart` (as far as the evidence goes). */
export function linearSymbolsWithoutFills(e: LinearEvidence): string[] {
  if (e.incomeCoveredFrom === null || e.incomeCoveredFrom > e.searchStart) return [];
  return e.unasked.filter((s) => !e.incomeSymbols.has(s) && !e.openPositions.has(s));
}
