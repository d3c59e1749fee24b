import type { Account, ExchangeId, Job, JobMode, KindState, MarketType } from '../domain/types';
import { JOB_MODES, MARKET_TYPES, SYNC_STREAMS } from '../domain/types';
import { assertNever } from '../never';
import type { StreamScope } from '../store/port';

/**
 * The kinds of history an account's scope is made of, and whether each is complete. A "kind" is
 * one pipeline stage for one market type (`trades:spot`, `income:linear`) or an account-wide stage
 * (`movements`). "Synced" is derived from these, never from "some job succeeded once".
 *
 * Every job mode but `full` is one stage; `full` runs them all. The table below is keyed by those
 * modes, so a stage added to JOB_MODES does not compile until it says which market types it covers.
 */
export type StageMode = Exclude<JobMode, 'full'>;

export interface StageSpec {
  /** Market types the stage runs for; `null` = one account-wide run. */
  marketTypes: readonly MarketType[] | null;
  /** Human name, plural, used in "not yet imported" lists. */
  label: string;
  /** Exchanges that have this history; absent = every exchange. */
  exchanges?: readonly ExchangeId[];
}

/** What decides an account's kinds. */
export interface KindScope {
  marketTypes: readonly MarketType[];
  exchange?: ExchangeId;
}

export const SYNC_STAGES: Record<StageMode, StageSpec> = {
  trades: { marketTypes: MARKET_TYPES, label: 'trades' },
  // Deposits and withdrawals, and where the exchange has them converts, dust, rewards and wallet transfers.
  movements: { marketTypes: null, label: 'deposits, withdrawals and wallet history' },
  // Only futures have income (funding, realized P&L, commissions).
  income: { marketTypes: ['linear'], label: 'funding and income' },
  balances: { marketTypes: MARKET_TYPES, label: 'balances' },
};

export const STAGE_MODES: readonly StageMode[] = JOB_MODES.filter((m): m is StageMode => m !== 'full');

const MARKET_LABEL: Record<MarketType, string> = { spot: 'spot', linear: 'futures' };

export interface KindRef {
  key: string;
  stage: StageMode;
  marketType: MarketType | null;
}

export function kindKey(stage: StageMode, marketType: MarketType | null): string {
  return marketType === null ? stage : `${stage}:${marketType}`;
}

/** The kinds one job of `mode` covers for an account trading `marketTypes` (on `exchange`, when given). */
export function kindsOfMode(mode: JobMode, marketTypes: readonly MarketType[], exchange?: ExchangeId): KindRef[] {
  const stages = mode === 'full' ? STAGE_MODES : [mode];
  const out: KindRef[] = [];
  for (const stage of stages) {
    const spec = SYNC_STAGES[stage];
    if (exchange !== undefined && spec.exchanges !== undefined && !spec.exchanges.includes(exchange)) continue;
    if (spec.marketTypes === null) {
      out.push({ key: kindKey(stage, null), stage, marketType: null });
      continue;
    }
    for (const marketType of marketTypes) {
      if (spec.marketTypes.includes(marketType)) out.push({ key: kindKey(stage, marketType), stage, marketType });
    }
  }
  return out;
}

/** Every kind in the account's scope. */
export function kindsInScope(account: KindScope): KindRef[] {
  return kindsOfMode('full', account.marketTypes, account.exchange);
}

export interface Completeness {
  /** Every kind completed at least once and the last run of each succeeded. */
  complete: boolean;
  /** Nothing in scope ever completed or ran. */
  neverRan: boolean;
  /** Kinds never completed. */
  missing: KindRef[];
  /** Kinds that completed once but whose last run failed. */
  failedLast: KindRef[];
}

export function completeness(account: KindScope & Pick<Account, 'kinds'>): Completeness {
  const kinds = kindsInScope(account);
  const states = account.kinds ?? {};
  const missing = kinds.filter((k) => states[k.key]?.completedAt == null);
  const failedLast = kinds.filter((k) => states[k.key]?.completedAt != null && states[k.key]?.lastOk === false);
  const neverRan = kinds.every((k) => states[k.key] === undefined);
  return { complete: missing.length === 0 && failedLast.length === 0, neverRan, missing, failedLast };
}

/** "income and deposits and withdrawals", with market types where it matters ("spot trades"). */
export function describeKinds(kinds: readonly KindRef[]): string {
  const labels: string[] = [];
  for (const k of kinds) {
    const spec = SYNC_STAGES[k.stage];
    const several = spec.marketTypes !== null && spec.marketTypes.length > 1;
    const label = k.marketType !== null && several ? `${MARKET_LABEL[k.marketType]} ${spec.label}` : spec.label;
    if (!labels.includes(label)) labels.push(label);
  }
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}

/**
 * The new per-kind states after one attempt of a job of `mode`: kinds it completed are complete
 * and their last run ok; kinds it covered but did not complete failed when the attempt failed,
 * and are untouched when it was stopped or handed its rest to a continuation. An attempt that
 * started later than the account's history start (`fromDate`) keeps a complete kind complete but
 * cannot make an unimported one complete: what lies before its start was never fetched (after a
 * purge, say). The same holds for the continuations of such an attempt (`startsAfterHistory`).
 */
export function recordAttempt(
  previous: Readonly<Record<string, KindState>> | undefined,
  covered: readonly KindRef[],
  completed: ReadonlySet<string>,
  outcome: 'succeeded' | 'failed' | 'stopped',
  at: number,
  fromDate = false,
): Record<string, KindState> {
  const next: Record<string, KindState> = { ...previous };
  for (const kind of covered) {
    const before = next[kind.key];
    if (completed.has(kind.key)) {
      const wasComplete = before?.completedAt != null;
      if (fromDate && !wasComplete) next[kind.key] = { ...before, completedAt: null, lastOk: true, lastRunAt: at };
      else next[kind.key] = { completedAt: at, lastOk: true, lastRunAt: at };
    } else if (outcome === 'failed') next[kind.key] = { ...before, completedAt: before?.completedAt ?? null, lastOk: false, lastRunAt: at };
  }
  return next;
}

/** The checkpoint streams that hold a kind's cursors (balances are snapshots: none). */
export function kindStreams(kind: KindRef): StreamScope[] {
  switch (kind.stage) {
    case 'trades':
    case 'income':
      return [{ stream: kind.stage, marketType: kind.marketType }];
    // Deposits and withdrawals, and the wallet streams (converts, dust, rewards, transfers).
    case 'movements':
      return SYNC_STREAMS.filter((s) => s !== 'trades' && s !== 'income').map((stream) => ({ stream, marketType: null }));
    case 'balances':
      return [];
    default:
      return assertNever(kind.stage, 'sync stage');
  }
}

export interface CoveragePlan {
  /** The kind states to save before the attempt writes anything. */
  kinds: Record<string, KindState>;
  /** Kinds whose checkpoints must go first, so their streams restart from the history start. */
  restart: KindRef[];
}

/**
 * What the covered kinds' checkpoints stand for, settled before an attempt writes any. A job that
 * starts later than the history start (or continues one that did) marks the kinds it covers that
 * are not complete `coveredFrom` its start: the checkpoints it writes stand for nothing older. A
 * job from the history start clears the marks; when it would resume from the checkpoints (no date
 * of its own) the marked kinds' streams restart instead, so it fetches what the dated run left out
 * before it can call the kind complete (docs/SYNC-STATUS.md). Null = nothing to change.
 */
export function planCoverage(
  previous: Readonly<Record<string, KindState>> | undefined,
  covered: readonly KindRef[],
  job: Pick<Job, 'since' | 'coverageFrom'>,
  historyStart: number | null,
): CoveragePlan | null {
  const next: Record<string, KindState> = { ...previous };
  const restart: KindRef[] = [];
  const from = coverageStart(job);
  const dated = startsAfterHistory(job, historyStart);
  for (const kind of covered) {
    const state = next[kind.key];
    if (dated && from !== null) {
      if (state?.completedAt != null || (state?.coveredFrom !== undefined && state.coveredFrom <= from)) continue;
      next[kind.key] = { completedAt: null, lastOk: state?.lastOk ?? true, lastRunAt: state?.lastRunAt ?? 0, coveredFrom: from };
    } else if (state?.coveredFrom !== undefined) {
      const { coveredFrom: _cleared, ...rest } = state;
      next[kind.key] = rest;
      if (job.since === null) restart.push(kind);
    }
  }
  const changed = covered.some((k) => next[k.key] !== previous?.[k.key]);
  return changed ? { kinds: next, restart } : null;
}

/**
 * Where the history a job covers starts: its own date, or for a continuation without a date the
 * date its chain started at (null = the account's history start).
 */
export function coverageStart(job: Pick<Job, 'since' | 'coverageFrom'>): number | null {
  return job.since ?? job.coverageFrom ?? null;
}

/**
 * Whether a job covers less than the account's history: it (or the dated job it continues) started
 * later than the history start, so it cannot make an unimported kind complete (docs/SYNC-STATUS.md).
 */
export function startsAfterHistory(job: Pick<Job, 'since' | 'coverageFrom'>, historyStart: number | null): boolean {
  const from = coverageStart(job);
  return from !== null && (historyStart === null || from > historyStart);
}

/** Kind states after the stage's rows were deleted (a purge): its kinds are not imported any more. */
export function forgetStage(previous: Readonly<Record<string, KindState>> | undefined, stage: StageMode): Record<string, KindState> {
  const next: Record<string, KindState> = { ...previous };
  for (const [key, state] of Object.entries(next)) {
    if (key === stage || key.startsWith(`${stage}:`)) next[key] = { ...state, completedAt: null };
  }
  return next;
}

/**
 * What a "Try again" (or a resume after new keys) asks for: the failed job's own mode and start,
 * except that an account whose scope never completed resumes as a whole (checkpoints make the
 * parts already imported cost one page each).
 */
export function owedSync(account: KindScope & Pick<Account, 'kinds'>, failed: { mode: JobMode; since: number | null } | null): { mode: JobMode; since: number | null } {
  const state = completeness(account);
  if (failed === null || state.missing.length > 0) return { mode: 'full', since: null };
  const pending = [...state.failedLast];
  // A narrower failed job that leaves other kinds failing would not make the account whole.
  const coveredByFailed = new Set(kindsOfMode(failed.mode, account.marketTypes, account.exchange).map((k) => k.key));
  if (pending.some((k) => !coveredByFailed.has(k.key))) return { mode: 'full', since: null };
  return { mode: failed.mode, since: failed.since };
}
