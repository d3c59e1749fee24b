import { Dexie } from 'dexie';
import type { DexieOptions, Table, Transaction } from 'dexie';
import type {
  Account, AssetFlow, BalanceSnapshot, Checkpoint, Income, Job, Movement, RawSnapshot, SyncLog, Trade,
} from '../../shared/domain/types';
import type {
  AccountDayStats, AccountQuarterStats, AppliedBatch, CandleRow, ExcursionRow, FillPnlChunk, ImportSummary, JournalEntry, LedgerRow, LedgerStateRow, PositionRow, SettingsRow, SymbolStats, TradeDayStats,
} from './records';
import type { ClosedQuarter, ClosedSymbolDay } from '../../shared/journal/closed-buckets';
import { backfillClosedAggregates, backfillQuarterDays, type ClosedQuarterKey, type ClosedSymbolDayKey } from './closed-aggregates';
import { backfillAccountDailyStats, backfillAccountQuarterStats, backfillImportSummaries, backfillTradeStats, pairStoredStatementConverts, staleLedgersForStoredPairs } from './migrations';
import type { ClosedPnlRow } from '../../shared/domain/closed-pnl-row';
import type { LabelledDay, LabelledPosition } from '../../shared/journal/labelled-position';
import type { QuarterDay, SymbolDayPack } from '../../shared/journal/quarter-pack';
import { backfillLabelledPositions } from './labelled-positions';

export const DEFAULT_DB_NAME = 'tradelog-journal';

/**
 * Schema history. Never edit a shipped version: add a new one (Dexie diffs consecutive versions
 * and runs each `upgrade` once, in order, for databases created under an older version).
 *
 * Index choice (docs/ARCHITECTURE.md, storage facts: each secondary index costs 10-20% of write speed):
 * trades carry exactly two compound indexes, each serving a UI query with keyset paging:
 *  - [accountId+timestamp]         newest trades of an account (+ side/date filters)
 *  - [accountId+symbol+timestamp]  newest trades of one symbol; P&L replay per symbol in time order
 * "All accounts" and "a symbol in any account" are k-way merges over those (users have a handful of
 * accounts), so no bare `timestamp` or `[symbol+timestamp]` index is paid for on every write.
 * No compound unique index: the primary key already is the unique trade key.
 */
export const SCHEMA_V1 = {
  accounts: 'id',
  trades: 'key, [accountId+timestamp], [accountId+symbol+timestamp]',
  movements: 'key, [accountId+timestamp]',
  income: 'key, [accountId+timestamp]',
  balances: 'key, [accountId+timestamp]',
  positions: 'key, [accountId+symbol+openedAt]',
  checkpoints: 'key, accountId',
  jobs: 'id, accountId, status',
  syncLogs: 'id, startedAt, [accountId+startedAt]',
  rawSnapshots: 'id, accountId',
  journal: 'key, accountId, *tags',
  settings: 'id',
  appliedBatches: 'batchId, accountId',
} as const;

/** v2: per account/symbol/day and per account/symbol trade totals, backfilled from stored trades. */
export const SCHEMA_V2 = {
  dailyStats: '[accountId+symbol+day], [accountId+day]',
  symbolStats: '[accountId+symbol]',
} as const;

/**
 * v3: per account/day totals (a dashboard range over an account read days x symbols rows from
 * dailyStats: ~100 ms for 60 days x 20 symbols at 1M trades). dailyStats drops its
 * [accountId+day] index, which only that query used.
 */
export const SCHEMA_V3 = {
  accountDailyStats: '[accountId+day]',
  dailyStats: '[accountId+symbol+day]',
} as const;

/**
 * v4: derived positions kept current by every commit. `ledgers` holds each account+symbol's
 * derived-P&L status and sums (status index: find the pairs due for a replay), `ledgerStates` its
 * resumable book checkpoint (kept apart: the UI reads ledgers live), `fillPnl` the realized
 * P&L of closing fills in one row per batch. Positions use v1's `positions` table. The upgrade
 * marks every stored pair stale, so the first start replays them once.
 */
export const SCHEMA_V4 = {
  ledgers: '[accountId+symbol], status',
  ledgerStates: '[accountId+symbol]',
  fillPnl: 'key, [accountId+symbol+fromTs]',
} as const;

/**
 * v5: wallet history beyond fills, deposits/withdrawals and futures income (converts, dust,
 * distributions, transfers between the account's wallets) in one generic ledger of asset flows:
 * every kind changes balances the same way (signed legs per wallet and asset), so balance
 * reconciliation sums one table instead of one per kind, and a new kind needs no new table.
 * Keyed by the flow's unique key; [accountId+timestamp] serves per-account reads and deletes.
 * New table only: nothing stored before needs an upgrade.
 */
export const SCHEMA_V5 = {
  assetFlows: 'key, [accountId+timestamp]',
} as const;

/**
 * v6: the review. `candles` caches public klines per series (source|symbol|timeframe, see
 * market-cache.ts) and open time, so a chart opens from the cache and offline; `excursions` keeps
 * each closed position's MAE/MFE (index [accountId+symbol]: a symbol's figures in one range read).
 * Both are recomputable (not exported). Nothing to upgrade: existing data gains no fields.
 */
export const SCHEMA_V6 = {
  candles: '[series+t]',
  excursions: 'key, [accountId+symbol]',
} as const;

/**
 * v7: `importSummaries`, per account + coverage kind + symbol/asset, the time range and row count
 * stored from export files (records.ts ImportSummary). Lets the coverage map tell file rows from
 * API rows without an index on trades. The upgrade summarizes fills an earlier release imported
 * from files (synthetic `csv-` ids).
 */
export const SCHEMA_V7 = {
  importSummaries: '[accountId+kind+key]',
} as const;

/**
 * v8: the aggregates of closed positions the dashboard reads instead of every position
 * (closed-aggregates.ts, docs/REVIEW.md "Stored aggregates"): `closedQuarters` per account, UTC
 * quarter hour and quote currency, `closedSymbolDays` per account, UTC day and symbol. Positions
 * gain `[accountId+closedAt]` (open positions have no closedAt and are not in it): a touched
 * quarter hour is recomputed from the positions closing in it, and the per-symbol table reads the
 * partial UTC days at the edges of a zone's date range. `accountQuarterStats`: fill totals per
 * account and UTC quarter hour (aggregates.ts), summed into the trader's days when read (fills
 * per day and a date range's fill tiles follow the zone). The upgrade sums positions and trades.
 */
export const SCHEMA_V8 = {
  positions: 'key, [accountId+symbol+openedAt], [accountId+closedAt]',
  closedQuarters: '[accountId+qh+quoteCurrency]',
  closedSymbolDays: '[accountId+day+symbol]',
  accountQuarterStats: '[accountId+qh]',
} as const;

/** v8's upgrade: the aggregates of stored positions, and the quarter-hour fill totals of stored trades. */
async function upgradeToV8(tx: Transaction): Promise<void> {
  await backfillClosedAggregates(tx);
  await backfillAccountQuarterStats(tx);
}

/**
 * v9: `closedPnlRecords`, the rows of imported closed P&L exports (shared/domain/closed-pnl-row.ts):
 * the exchange's summaries of position closes, kept beside the fills (never as fills or income;
 * docs/EXPORTS.md, "Bybit closed P&L"). Indexes: a symbol's rows in close order (reconciliation,
 * summary-only P&L) and the account's rows in time order (coverage map). Nothing to upgrade.
 */
export const SCHEMA_V9 = {
  closedPnlRecords: 'key, [accountId+symbol+closedAt], [accountId+closedAt]',
} as const;

/**
 * v10: `labelledPositions`, the kept copy of each labelled closed position (a setup/mistake label
 * or a stop in its journal entry; shared/journal/labelled-position.ts, labelled-positions.ts), so
 * the dashboard's setup/mistake/R stats read one `[accountId+closedAt]` range per account instead
 * of one request per labelled position (docs/REVIEW.md, "Stored aggregates"). Kept by journal
 * edits and every position writer. `labelledDays` packs each account's rows of a UTC day into one
 * record, which is what the dashboard reads (Chromium's IndexedDB costs per record);
 * `closedQuarterDays` and `closedSymbolDayPacks` do the same for the rows of closedQuarters and
 * closedSymbolDays (closed-aggregates.ts repacks a day when one of its rows changes). The upgrade joins stored position entries with
 * their positions and packs the stored quarter rows.
 */
export const SCHEMA_V10 = {
  labelledPositions: 'key, [accountId+closedAt]',
  labelledDays: '[accountId+day]',
  closedQuarterDays: '[accountId+day]',
  closedSymbolDayPacks: '[accountId+day]',
} as const;

/** v10's upgrade: the kept copy of labelled positions, and the day packs of the quarter rows. */
async function upgradeToV10(tx: Transaction): Promise<void> {
  await backfillLabelledPositions(tx);
  await backfillQuarterDays(tx);
}

/**
 * v11: no table changes. Its upgrade pairs the single-leg statement converts an earlier release
 * stored into the two-leg flows a re-import stores now (migrations.ts `pairStoredStatementConverts`).
 */
export const SCHEMA_V11 = {} as const;

export interface SchemaVersion {
  version: number;
  /** Only the tables this version adds or changes (Dexie keeps the rest); null deletes a table. */
  stores: Record<string, string | null>;
  /** Runs once, in the versionchange transaction, for databases created under an older version. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** The whole history, oldest first. Append only. */
export const SCHEMA_HISTORY: readonly SchemaVersion[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: SCHEMA_V2, upgrade: backfillTradeStats },
  { version: 3, stores: SCHEMA_V3, upgrade: backfillAccountDailyStats },
  { version: 4, stores: SCHEMA_V4, upgrade: staleLedgersForStoredPairs },
  { version: 5, stores: SCHEMA_V5 },
  { version: 6, stores: SCHEMA_V6 },
  { version: 7, stores: SCHEMA_V7, upgrade: backfillImportSummaries },
  { version: 8, stores: SCHEMA_V8, upgrade: upgradeToV8 },
  { version: 9, stores: SCHEMA_V9 },
  { version: 10, stores: SCHEMA_V10, upgrade: upgradeToV10 },
  { version: 11, stores: SCHEMA_V11, upgrade: pairStoredStatementConverts },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_HISTORY.reduce((max, v) => Math.max(max, v.version), 0);

export class JournalDb extends Dexie {
  declare readonly accounts: Table<Account, string>;
  declare readonly trades: Table<Trade, string>;
  declare readonly movements: Table<Movement, string>;
  declare readonly income: Table<Income, string>;
  declare readonly balances: Table<BalanceSnapshot, string>;
  declare readonly positions: Table<PositionRow, string>;
  declare readonly checkpoints: Table<Checkpoint, string>;
  declare readonly jobs: Table<Job, string>;
  declare readonly syncLogs: Table<SyncLog, string>;
  declare readonly rawSnapshots: Table<RawSnapshot, string>;
  declare readonly journal: Table<JournalEntry, string>;
  declare readonly settings: Table<SettingsRow, string>;
  declare readonly appliedBatches: Table<AppliedBatch, string>;
  declare readonly dailyStats: Table<TradeDayStats, [string, string, number]>;
  declare readonly symbolStats: Table<SymbolStats, [string, string]>;
  declare readonly accountDailyStats: Table<AccountDayStats, [string, number]>;
  declare readonly accountQuarterStats: Table<AccountQuarterStats, [string, number]>;
  declare readonly ledgers: Table<LedgerRow, [string, string]>;
  declare readonly ledgerStates: Table<LedgerStateRow, [string, string]>;
  declare readonly fillPnl: Table<FillPnlChunk, string>;
  declare readonly assetFlows: Table<AssetFlow, string>;
  declare readonly importSummaries: Table<ImportSummary, [string, string, string]>;
  declare readonly candles: Table<CandleRow, [string, number]>;
  declare readonly excursions: Table<ExcursionRow, string>;
  declare readonly closedQuarters: Table<ClosedQuarter, ClosedQuarterKey>;
  declare readonly closedSymbolDays: Table<ClosedSymbolDay, ClosedSymbolDayKey>;
  declare readonly closedPnlRecords: Table<ClosedPnlRow, string>;
  declare readonly labelledPositions: Table<LabelledPosition, string>;
  declare readonly labelledDays: Table<LabelledDay, [string, number]>;
  declare readonly closedQuarterDays: Table<QuarterDay, [string, number]>;
  declare readonly closedSymbolDayPacks: Table<SymbolDayPack, [string, number]>;

  /**
   * @param upToVersion only for migration tests: declare the schema as an older release did.
   */
  constructor(name: string = DEFAULT_DB_NAME, options: DexieOptions = {}, upToVersion: number = LATEST_SCHEMA_VERSION) {
    super(name, options);
    for (const step of SCHEMA_HISTORY) {
      if (step.version > upToVersion) break;
      const version = this.version(step.version).stores(step.stores);
      const upgrade = step.upgrade;
      if (upgrade !== undefined) version.upgrade((tx) => upgrade(tx));
    }
  }
}

/** Opens (creating or upgrading) the journal database. Works in a window, a Worker and under Node with fake-indexeddb. */
export async function openJournalDb(name: string = DEFAULT_DB_NAME, options: DexieOptions = {}): Promise<JournalDb> {
  const db = new JournalDb(name, options);
  await db.open();
  return db;
}
