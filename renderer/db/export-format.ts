import { z } from 'zod';
import {
  ACCOUNT_STATUSES, ASSET_FLOW_KINDS, EXCHANGE_IDS, INCOME_TYPES, MARKET_TYPES, SYMBOL_SCOPES, SYNC_STREAMS, WALLETS,
} from '../../shared/domain/types';
import { assetFlowKey, balanceSnapshotKey, checkpointKey, incomeKey, movementKey, tradeKey } from '../../shared/domain/keys';
import { SettingsSchema } from '../../shared/settings';
import type { Account, AssetFlow, BalanceSnapshot, Checkpoint, Income, Movement, Trade } from '../../shared/domain/types';
import { COVERAGE_KINDS } from '../../shared/coverage-map/kinds';
import type { ImportSummary, JournalEntry } from './records';
import { closedPnlKey, type ClosedPnlRow } from '../../shared/domain/closed-pnl-row';

/**
 * The journal export file: JSON lines, one record per line.
 *   line 1:     {"format":"tradelog-journal","formatVersion":1,...}
 *   then:       {"type":"<kind>","row":{...}}  for settings, accounts, checkpoints, journal, trades, ...
 *   last line:  {"type":"end","counts":{...}}  so a truncated file is detected, not half-restored.
 * Every record schema is strict (unknown fields are rejected: no secret can ride along) and every
 * unique key must equal the key derived from the row's own fields, so a restored row dedupes
 * exactly like a synced one.
 */

export const EXPORT_FORMAT = 'tradelog-journal';
export const EXPORT_FORMAT_VERSION = 1;

const str = z.string().min(1).max(512);
const time = z.number().int().min(0).max(8.64e15);
const num = z.number().finite();

export const HeaderSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  /** Database schema version the file was written from (informative; the format version governs parsing). */
  schemaVersion: z.number().int().min(1),
  exportedAt: time,
});
export type ExportHeader = z.infer<typeof HeaderSchema>;

export const AccountSchema = z.strictObject({
  id: str, exchange: z.enum(EXCHANGE_IDS), label: z.string().max(200), marketTypes: z.array(z.enum(MARKET_TYPES)).max(MARKET_TYPES.length),
  testnet: z.boolean(), baseUrl: z.string().max(512).nullable(), historyStart: time.nullable(), symbolScope: z.enum(SYMBOL_SCOPES),
  credentialRef: z.string().max(256).nullable(), status: z.enum(ACCOUNT_STATUSES), scheduleMinutes: z.number().int().min(0).nullable(),
  createdAt: time, updatedAt: time, lastAttemptAt: time.nullable(), lastSuccessAt: time.nullable(),
  kinds: z.record(z.string().max(64), z.strictObject({ completedAt: time.nullable(), lastOk: z.boolean(), lastRunAt: time, coveredFrom: time.optional() })).optional(),
  tradeSync: z.partialRecord(z.enum(MARKET_TYPES), z.strictObject({ at: time, balances: z.record(z.string().max(64), num) })).optional(),
});

const TradeSchema = z.strictObject({
  key: str, accountId: str, exchange: z.enum(EXCHANGE_IDS), marketType: z.enum(MARKET_TYPES), symbol: str, tradeId: str,
  orderId: z.string().max(512).nullable(), timestamp: time, side: z.enum(['buy', 'sell']), price: num, amount: num, cost: num,
  feeCost: num, feeCurrency: z.string().max(64).nullable(), takerOrMaker: z.enum(['maker', 'taker']).nullable(),
  exchangeRealizedPnl: num.nullable(),
  exchangeClosedQty: num.nullable().optional(),
}).refine((t) => t.key === tradeKey(t.exchange, t.accountId, t.marketType, t.symbol, t.tradeId), { message: 'key does not match the trade', path: ['key'] });

const MovementSchema = z.strictObject({
  key: str, accountId: str, exchange: z.enum(EXCHANGE_IDS), type: z.enum(['deposit', 'withdrawal']), movementId: str,
  currency: str, amount: num, fee: num, network: z.string().max(128).nullable(), txid: z.string().max(512).nullable(),
  status: z.enum(['pending', 'ok', 'failed', 'canceled']), timestamp: time,
}).refine((m) => m.key === movementKey(m.exchange, m.accountId, m.type, m.movementId), { message: 'key does not match the movement', path: ['key'] });

const IncomeSchema = z.strictObject({
  key: str, accountId: str, exchange: z.enum(EXCHANGE_IDS), marketType: z.enum(MARKET_TYPES), symbol: str.nullable(),
  incomeType: z.enum(INCOME_TYPES), rawType: z.string().max(128), incomeId: str, asset: str, amount: num, timestamp: time,
}).refine((i) => i.key === incomeKey(i.exchange, i.accountId, i.incomeType === 'OTHER' ? i.rawType : i.incomeType, i.incomeId)
  || i.key === incomeKey(i.exchange, i.accountId, i.incomeType, i.incomeId), { message: 'key does not match the income row', path: ['key'] });

const BalanceSchema = z.strictObject({
  key: str, accountId: str, marketType: z.enum(MARKET_TYPES), timestamp: time,
  balances: z.array(z.strictObject({ currency: str, free: num, used: num, total: num })).max(10_000),
}).refine((b) => b.key === balanceSnapshotKey(b.accountId, b.marketType, b.timestamp), { message: 'key does not match the snapshot', path: ['key'] });

const AssetFlowSchema = z.strictObject({
  key: str, accountId: str, exchange: z.enum(EXCHANGE_IDS), kind: z.enum(ASSET_FLOW_KINDS), rawType: z.string().max(512), flowId: str, timestamp: time,
  legs: z.array(z.strictObject({ wallet: z.enum(WALLETS), asset: str, amount: num })).min(1).max(1000),
}).refine((f) => f.key === assetFlowKey(f.exchange, f.accountId, f.kind, f.flowId), { message: 'key does not match the asset flow', path: ['key'] });

const CursorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fromId'), fromId: z.string().max(512) }),
  z.strictObject({ kind: z.literal('window'), windowStart: time, pageCursor: z.string().max(4096).nullable() }),
]);

const CheckpointSchema = z.strictObject({
  key: str, accountId: str, stream: z.enum(SYNC_STREAMS), marketType: z.enum(MARKET_TYPES).nullable(), symbol: z.string().max(512),
  cursor: CursorSchema, lastTimestamp: time.nullable(), rowCount: z.number().int().min(0), updatedAt: time,
}).refine((c) => c.key === checkpointKey(c.accountId, c.stream, c.marketType, c.symbol), { message: 'key does not match the checkpoint', path: ['key'] });

const JournalEntrySchema = z.strictObject({
  key: str, kind: z.enum(['trade', 'position', 'day', 'playbook']), accountId: str, note: z.string().max(100_000),
  tags: z.array(z.string().min(1).max(64)).max(100), rating: z.number().int().min(1).max(5).nullable(),
  stopPrice: z.number().positive().nullable().optional(),
  createdAt: time, updatedAt: time,
});

/**
 * What export files stored (schema v7), so a restored journal's coverage map still tells file rows
 * from API rows. Not derivable from the rows: file rows with exchange ids look like synced ones.
 */
const ImportSummarySchema = z.strictObject({
  accountId: str, kind: str, key: z.string().max(512), first: time, last: time, rows: z.number().int().min(0), updatedAt: time,
}).refine((s) => COVERAGE_KINDS.some((k) => k.id === s.kind), { message: 'not a coverage kind', path: ['kind'] })
  .refine((s) => s.first <= s.last, { message: 'first is after last', path: ['first'] });

/**
 * Rows of imported closed P&L exports (schema v9): user-provided data the API may no longer serve,
 * so they survive an export and restore like fills.
 */
const ClosedPnlSchema = z.strictObject({
  key: str, accountId: str, exchange: z.enum(EXCHANGE_IDS), symbol: str, symbolId: str, rowId: str, orderId: z.string().max(512).nullable(),
  closedSide: z.enum(['long', 'short']).nullable(), qty: num, entryPrice: num, exitPrice: num, closedPnl: num,
  openFee: num.nullable(), closeFee: num.nullable(), fundingFee: num.nullable(), exitType: z.string().max(128), closedAt: time, openedAt: time.nullable(),
}).refine((r) => r.key === closedPnlKey(r.exchange, r.accountId, r.symbol, r.rowId), { message: 'key does not match the closed P&L row', path: ['key'] });

/**
 * `flow` (asset flows, schema v5), `summary` (import summaries, v7) and `closedPnl` (v9) came
 * later: files written before them have no such count and still restore.
 */
export const ROW_KINDS = ['settings', 'account', 'checkpoint', 'journal', 'trade', 'movement', 'income', 'flow', 'balance', 'summary', 'closedPnl'] as const;
export type RowKind = (typeof ROW_KINDS)[number];
export type KindCounts = Record<RowKind, number>;

export function zeroCounts(): KindCounts {
  return { settings: 0, account: 0, checkpoint: 0, journal: 0, trade: 0, movement: 0, income: 0, flow: 0, balance: 0, summary: 0, closedPnl: 0 };
}

export const RecordLineSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('settings'), row: SettingsSchema }),
  z.strictObject({ type: z.literal('account'), row: AccountSchema }),
  z.strictObject({ type: z.literal('checkpoint'), row: CheckpointSchema }),
  z.strictObject({ type: z.literal('journal'), row: JournalEntrySchema }),
  z.strictObject({ type: z.literal('trade'), row: TradeSchema }),
  z.strictObject({ type: z.literal('movement'), row: MovementSchema }),
  z.strictObject({ type: z.literal('income'), row: IncomeSchema }),
  z.strictObject({ type: z.literal('flow'), row: AssetFlowSchema }),
  z.strictObject({ type: z.literal('balance'), row: BalanceSchema }),
  z.strictObject({ type: z.literal('summary'), row: ImportSummarySchema }),
  z.strictObject({ type: z.literal('closedPnl'), row: ClosedPnlSchema }),
  z.strictObject({
    type: z.literal('end'),
    counts: z.strictObject({
      ...(Object.fromEntries(ROW_KINDS.map((k) => [k, z.number().int().min(0)])) as Record<RowKind, z.ZodNumber>),
      flow: z.number().int().min(0).default(0),
      summary: z.number().int().min(0).default(0),
      closedPnl: z.number().int().min(0).default(0),
    }),
  }),
]);
export type RecordLine = z.infer<typeof RecordLineSchema>;

/**
 * JSON with object keys sorted at every level, so the same data always gives the same bytes
 * whatever order its fields were created in (an export of a restore is byte-identical).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * The record types (shared/domain/types.ts, ./records.ts) and these schemas describe the same rows:
 * a field added to one and not the other fails the type-check here, not a restore or a
 * `putAccount` at run time.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
const schemasMatchRecords: [
  Same<z.infer<typeof AccountSchema>, Account>,
  Same<z.infer<typeof TradeSchema>, Trade>,
  Same<z.infer<typeof MovementSchema>, Movement>,
  Same<z.infer<typeof IncomeSchema>, Income>,
  Same<z.infer<typeof BalanceSchema>, BalanceSnapshot>,
  Same<z.infer<typeof CheckpointSchema>, Checkpoint>,
  Same<z.infer<typeof JournalEntrySchema>, JournalEntry>,
  Same<z.infer<typeof AssetFlowSchema>, AssetFlow>,
  Same<z.infer<typeof ImportSummarySchema>, ImportSummary>,
  Same<z.infer<typeof ClosedPnlSchema>, ClosedPnlRow>,
] = [true, true, true, true, true, true, true, true, true, true];
void schemasMatchRecords;
