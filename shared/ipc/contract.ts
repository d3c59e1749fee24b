import { z } from 'zod';
import { EXCHANGE_IDS, JOB_MODES, MARKET_TYPES, SYMBOL_SCOPES } from '../domain/types';
import type { Account, Job, JobProgress } from '../domain/types';
import type { EngineStatus, KeyPermissions } from '../domain/engine';
import { SettingsPatchSchema } from '../settings';
import { MarketCandlesInputSchema, type MarketCandlesResult } from './market';
import type { Settings } from '../settings';
import type { ClosedPnlRecord } from '../journal/closed-pnl';
import { PURGE_CATEGORIES } from '../store/port';

/**
 * The one IPC contract (Heroic's channel map): every renderer -> main request with its zod input
 * schema and its result type, every main -> renderer event with its payload. Main validates every
 * input against these schemas before a handler runs; a handler never sees unvalidated data.
 */

const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'must be an id');
/** API keys and secrets: printable ASCII without spaces; exact format is checked per exchange. */
const credential = z.string().trim().min(8, 'is too short').max(512, 'is too long').regex(/^[\x21-\x7e]+$/, 'contains characters no exchange key has');
const timestamp = z.number().int().min(0).max(8.64e15);
const baseUrl = z.string().trim().max(512).url().refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://');

export const AccountDraftSchema = z.object({
  exchange: z.enum(EXCHANGE_IDS),
  label: z.string().trim().min(1, 'is required').max(64),
  marketTypes: z.array(z.enum(MARKET_TYPES)).min(1, 'pick at least one market').max(2),
  testnet: z.boolean().default(false),
  baseUrl: baseUrl.nullable().default(null),
  historyStart: timestamp.nullable().default(null),
  symbolScope: z.enum(SYMBOL_SCOPES).default('all'),
  scheduleMinutes: z.number().int().min(5).max(7 * 24 * 60).nullable().default(60),
  apiKey: credential.optional(),
  secret: credential.optional(),
}).strict();
export type AccountDraft = z.infer<typeof AccountDraftSchema>;

export const RequestSchemas = {
  'app.info': z.object({}).strict(),
  'diagnostics.ping': z.object({ nonce: z.string().min(1).max(200) }).strict(),

  'settings.get': z.object({}).strict(),
  'settings.update': SettingsPatchSchema,

  'accounts.add': AccountDraftSchema,
  'accounts.createDemo': z.object({}).strict(),
  'accounts.update': z.object({
    accountId: id,
    patch: AccountDraftSchema.pick({ label: true, marketTypes: true, historyStart: true, symbolScope: true, scheduleMinutes: true, baseUrl: true }).partial().strict(),
  }).strict(),
  'accounts.updateKeys': z.object({ accountId: id, apiKey: credential, secret: credential }).strict(),
  'accounts.testConnection': z.object({ accountId: id }).strict(),
  'accounts.remove': z.object({ accountId: id }).strict(),
  'accounts.setPaused': z.object({ accountId: id, paused: z.boolean() }).strict(),

  'sync.request': z.object({
    accountId: id,
    mode: z.enum(JOB_MODES).default('trades'),
    since: timestamp.nullable().default(null),
    force: z.boolean().default(false),
  }).strict(),
  'sync.requestAll': z.object({ mode: z.enum(JOB_MODES).default('trades') }).strict(),
  'sync.cancel': z.object({ jobId: id }).strict(),
  'sync.status': z.object({}).strict(),
  'sync.setBackgroundPaused': z.object({ paused: z.boolean() }).strict(),
  'sync.resetBreaker': z.object({ group: z.string().min(1).max(64) }).strict(),

  /** Deletes one category of an account and fetches it again, coordinated with the engine in main. */
  'data.purgeAndRefetch': z.object({
    accountId: id,
    category: z.enum(PURGE_CATEGORIES),
    /** Re-fetch from (ms); null = from the account's history start. */
    since: timestamp.nullable().default(null),
  }).strict(),

  'market.candles': MarketCandlesInputSchema,
  /** Bybit's closed P&L records from `since` (ms) to now, read from the exchange on demand. */
  'journal.closedPnl': z.object({ accountId: id, since: z.number().int().nonnegative() }).strict(),
} as const;

export type RequestChannel = keyof typeof RequestSchemas;
export type RequestInput<C extends RequestChannel> = z.input<(typeof RequestSchemas)[C]>;
export type ValidatedInput<C extends RequestChannel> = z.output<(typeof RequestSchemas)[C]>;

export interface AppInfo {
  name: string;
  version: string;
  /** How the main core is hosted: inside Electron, or under Node for browser mode. */
  host: 'electron' | 'browser';
  platform: string;
}

export interface SyncRequestResult {
  jobId: string;
  /** True when an equal QUEUED/RUNNING job already existed and is returned instead. */
  deduped: boolean;
}

export interface PurgeAndRefetchResult {
  /** Rows deleted (rows files stored without exchange ids stay). */
  rows: number;
  checkpoints: number;
  /** The re-fetch, queued after the purge committed. */
  jobId: string;
}

export interface RequestResults {
  'app.info': AppInfo;
  'diagnostics.ping': { nonce: string; receivedAt: number };
  'settings.get': Settings;
  'settings.update': Settings;
  'accounts.add': Account;
  'accounts.createDemo': Account;
  'accounts.update': Account;
  'accounts.updateKeys': Account;
  'accounts.testConnection': KeyPermissions;
  'accounts.remove': { removed: true };
  'accounts.setPaused': Account;
  'sync.request': SyncRequestResult;
  'sync.requestAll': { jobs: SyncRequestResult[] };
  'sync.cancel': { cancelled: boolean };
  'sync.status': EngineStatus;
  'sync.setBackgroundPaused': EngineStatus;
  'sync.resetBreaker': EngineStatus;
  'data.purgeAndRefetch': PurgeAndRefetchResult;
  'market.candles': MarketCandlesResult;
  'journal.closedPnl': ClosedPnlRecord[];
}

// Compile-time proof that every channel has a result type and vice versa.
type _ResultsCoverChannels = Exclude<RequestChannel, keyof RequestResults> extends never
  ? Exclude<keyof RequestResults, RequestChannel> extends never ? true : never : never;
const _channelsMatch: _ResultsCoverChannels = true;
void _channelsMatch;

export const REQUEST_CHANNELS = Object.keys(RequestSchemas) as RequestChannel[];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RequestSchemas, value);
}

/** main -> renderer events (Actual's typed server events). */
export interface EventPayloads {
  'diagnostics.pong': { nonce: string; at: number };
  'job.updated': Job;
  'sync.progress': { jobId: string; accountId: string; progress: JobProgress };
  'engine.status': EngineStatus;
  'account.changed': { accountId: string; account: Account | null };
  'notice': { level: 'info' | 'warning' | 'error'; message: string; accountId?: string };
  /** The shell asks the window to show one account (an OS notification about it was clicked). */
  'ui.focusAccount': { accountId: string };
}

export type EventName = keyof EventPayloads;

// Runtime event names live in a zod-free module so the preload bundle stays small.
export { EVENT_NAMES, isEventName } from './eventNames';
