import type { Transaction } from 'dexie';
import type { AssetFlow, Trade } from '../../shared/domain/types';
import { conversionsOf } from '../../shared/journal/conversions';
import { isFileFlowId } from '../../shared/journal/csv/flow-match';
import { pairStoredConverts } from '../../shared/journal/csv/stored-convert-pairs';
import { applyConvertRepair } from './convert-repair';
import { markPairsStale } from './ledger-store';
import { addTotals, addTradeToDelta, emptyDelta, emptyTotals } from './aggregates';
import { emptyLedger } from '../../shared/journal/ledger';
import type { AccountDayStats, AccountQuarterStats, ImportSummary, LedgerRow, SymbolStats, TradeDayStats } from './records';

/**
 * v1 -> v2: compute the trade stats tables from the trades already stored. Runs inside Dexie's
 * versionchange transaction, so either the whole upgrade lands or the database stays at v1.
 * Memory is bounded by the number of account/symbol/day cells, not by the number of trades.
 */
export async function backfillTradeStats(tx: Transaction): Promise<void> {
  const delta = emptyDelta();
  await tx.table<Trade, string>('trades').each((trade) => addTradeToDelta(delta, trade));
  await tx.table<TradeDayStats, [string, string, number]>('dailyStats').bulkPut([...delta.days.values()]);
  await tx.table<SymbolStats, [string, string]>('symbolStats').bulkPut([...delta.symbols.values()]);
  // (delta.accountDays is not written here: that table only exists from v3 on, and v3's own upgrade fills it.)
}

/**
 * v2 -> v3: per account/day totals, summed from the per account/symbol/day rows v2 already keeps
 * (far fewer rows than trades, so this upgrade is quick even at 1,000,000 trades).
 */
export async function backfillAccountDailyStats(tx: Transaction): Promise<void> {
  const byDay = new Map<string, AccountDayStats>();
  await tx.table<TradeDayStats, [string, string, number]>('dailyStats').each((row) => {
    const k = `${row.accountId}\u0000${row.day}`;
    let acc = byDay.get(k);
    if (acc === undefined) {
      acc = { accountId: row.accountId, day: row.day, ...emptyTotals() };
      byDay.set(k, acc);
    }
    addTotals(acc, row);
  });
  await tx.table<AccountDayStats, [string, number]>('accountDailyStats').bulkPut([...byDay.values()]);
}

/**
 * v3 -> v4: every account+symbol with stored trades gets a stale ledger, so the store replays
 * it once (off the UI thread) and keeps it current from then on. Reads only symbolStats.
 */
export async function staleLedgersForStoredPairs(tx: Transaction): Promise<void> {
  const rows: LedgerRow[] = [];
  await tx.table<SymbolStats, [string, string]>('symbolStats').each((s) => {
    const { checkpoint: _none, ...summary } = emptyLedger(s.accountId, s.symbol, s.marketType);
    rows.push({ ...summary, status: 'stale', revision: 1, recentChanges: [], error: null, updatedAt: 0 });
  });
  await tx.table<LedgerRow, [string, string]>('ledgers').bulkPut(rows);
}

/**
 * v4 -> v7: fills an earlier release imported from files without exchange ids (synthetic `csv-`
 * ids) get their `importSummaries` rows, so the coverage map shows them as file rows, not API
 * rows. One pass over trades (like v2's backfill), memory bounded by account/symbol pairs.
 */
export async function backfillImportSummaries(tx: Transaction): Promise<void> {
  const byKey = new Map<string, ImportSummary>();
  await tx.table<Trade, string>('trades').each((t) => {
    if (!t.tradeId.startsWith('csv-')) return;
    const kind = t.marketType === 'spot' ? 'spotFills' : 'futuresFills';
    const id = `${t.accountId}\u0000${kind}\u0000${t.symbol}`;
    const s = byKey.get(id);
    if (s === undefined) byKey.set(id, { accountId: t.accountId, kind, key: t.symbol, first: t.timestamp, last: t.timestamp, rows: 1, updatedAt: 0 });
    else byKey.set(id, { ...s, first: Math.min(s.first, t.timestamp), last: Math.max(s.last, t.timestamp), rows: s.rows + 1 });
  });
  await tx.table<ImportSummary, [string, string, string]>('importSummaries').bulkPut([...byKey.values()]);
}

/**
 * v7 -> v8: per account and UTC quarter hour fill totals (fills per day in the trader's zone),
 * one pass over trades like v2's backfill, memory bounded by account/quarter-hour cells.
 */
export async function backfillAccountQuarterStats(tx: Transaction): Promise<void> {
  const delta = emptyDelta();
  await tx.table<Trade, string>('trades').each((trade) => addTradeToDelta(delta, trade));
  await tx.table<AccountQuarterStats, [string, number]>('accountQuarterStats').bulkPut([...delta.accountQuarters.values()]);
}

/**
 * v10 -> v11: single-leg statement converts an earlier release stored become the two-leg flows a
 * re-import of their file stores now, by the import's own rule (shared/journal/csv/
 * stored-convert-pairs.ts; docs/EXPORTS.md, "Converts from a statement"); where the file was
 * re-imported already and both are stored, the single legs go. Only file converts are read
 * (thousands of rows, not millions). The spot pairs the new flows trade on are marked stale, so
 * the store replays them once (as v4's upgrade does) and the books take each convert once.
 */
export async function pairStoredStatementConverts(tx: Transaction): Promise<void> {
  const flows = tx.table<AssetFlow, string>('assetFlows');
  const fileConverts = await flows.filter((f) => f.kind === 'convert' && isFileFlowId(f.flowId)).toArray();
  const added = await applyConvertRepair({ assetFlows: flows, importSummaries: tx.table<ImportSummary, [string, string, string]>('importSummaries') }, pairStoredConverts(fileConverts));
  const pairs = new Map(conversionsOf(added).fills.map((f) => [`${f.accountId}\u0000${f.symbol}`, { accountId: f.accountId, symbol: f.symbol, marketType: f.marketType }]));
  await markPairsStale({ ledgers: tx.table<LedgerRow, [string, string]>('ledgers') }, [...pairs.values()], 0);
}
