import { checkpointKey } from '../../shared/domain/keys';
import { AppError } from '../../shared/errors';
import type { AssetFlow, AssetFlowKind, Checkpoint, Cursor, Income, MarketType, Movement, MovementType, SyncStream } from '../../shared/domain/types';
import { resumePoint, type ResumePoint, type StartInputs } from '../../shared/sync/plan';
import type { Page } from '../exchange/adapter';
import type { AttemptContext } from './context';
import { EMPTY_INDEX, type Normalized } from './normalizers';
import { withPageRetry } from './pageRetry';
import type { CommitParts } from './writer';
import { runIncomeWindows } from './income-windows';
import { runInSlots } from './slots';
import { IncomeLaneEta } from './stage-eta';

/**
 * Account-wide paged streams (movements per type, income per market type): one page per commit,
 * the page's rows and its checkpoint in the same transaction. Returns the symbols/currencies seen,
 * which feed symbol discovery ("held" scope).
 */
export interface StreamSeen {
  symbols: Set<string>;
  currencies: Set<string>;
  /** Newest row time per symbol / currency, so re-syncs tell rows re-read in an overlap from new ones. */
  symbolLastAt: Map<string, number>;
  currencyLastAt: Map<string, number>;
  /**
   * This attempt's USD-M income stream read every row from `from` to (at least) `at`, when it
   * started; null when it did not run to its end, or the exchange does not say how far back income goes.
   */
  incomeCovered: { from: number; at: number } | null;
  /** Fills income named per USD-M symbol (its COMMISSION rows), for the lane's ETA (main/sync/stage-eta.ts). */
  fillsNamed?: Map<string, number>;
}

function noteLatest(map: Map<string, number>, key: string, at: number): void {
  map.set(key, Math.max(map.get(key) ?? at, at));
}

interface StreamSpec<R extends { timestamp: number }> {
  stream: SyncStream;
  marketType: MarketType | null;
  /** Checkpoint symbol: the movement type keeps deposits and withdrawals on separate cursors. */
  symbol: string;
  fetch: (cursor: Cursor | null, since: number | null) => Promise<Page>;
  normalize: (rows: unknown[]) => Normalized<R>;
  toParts: (rows: R[]) => Pick<CommitParts, 'movements' | 'income' | 'flows'>;
  onRows: (rows: R[]) => void;
  /** Told where the stream resumes, before its first page. */
  onStart?: (start: ResumePoint) => void;
}

/** Pages one stream to its end; true when it got there (not stopped, not at its page budget). */
async function runStream<R extends { timestamp: number }>(ctx: AttemptContext, spec: StreamSpec<R>): Promise<boolean> {
  const key = checkpointKey(ctx.account.id, spec.stream, spec.marketType, spec.symbol);
  const existing = (await ctx.store.getCheckpoints(ctx.account.id, spec.stream)).find((c) => c.key === key);
  const start = resumePoint(existing, startInputs(ctx));
  spec.onStart?.(start);
  let cursor = start.cursor;
  let lastTimestamp = existing?.lastTimestamp ?? null;
  let rowCount = existing?.rowCount ?? 0;
  for (let pages = 0; ; pages++) {
    // Graceful stop: no new page once stop/cancel was asked; everything fetched is committed.
    if (ctx.signal.aborted) return false;
    if (pages >= ctx.settings.sync.maxPagesPerSymbol) {
      ctx.budgetHit = true;
      return false;
    }
    const page = await withPageRetry(`${spec.stream} ${spec.symbol}`, () => spec.fetch(cursor, start.since), ctx.retry);
    let normalized: Normalized<R>;
    try {
      normalized = spec.normalize(page.rows);
    } catch (error) {
      await ctx.writer.snapshot(`normalize ${spec.stream} failed`, page.rows);
      throw new AppError('INTERNAL', 'Could not read the rows the exchange returned; a raw snapshot was kept.', { cause: error });
    }
    spec.onRows(normalized.valid);
    for (const r of normalized.valid) lastTimestamp = Math.max(lastTimestamp ?? r.timestamp, r.timestamp);
    rowCount += normalized.valid.length;
    const checkpoint: Checkpoint = {
      key, accountId: ctx.account.id, stream: spec.stream, marketType: spec.marketType, symbol: spec.symbol,
      cursor: page.next, lastTimestamp, rowCount, updatedAt: ctx.clock.now(),
    };
    await ctx.writer.commit({
      ...spec.toParts(normalized.valid),
      checkpoints: [checkpoint], invalid: normalized.invalid, fetched: page.rows.length, pages: 1, raw: page.rows,
    });
    cursor = page.next;
    ctx.progress({ inserted: ctx.writer.inserted, duplicates: ctx.writer.duplicates, requests: ctx.counters.requests, weightUsed: ctx.counters.weight });
    if (page.done) return true;
  }
}

export function startInputs(ctx: AttemptContext): StartInputs {
  return {
    since: ctx.job.since, historyStart: ctx.account.historyStart, lastSuccessAt: ctx.account.lastSuccessAt,
    overlapMs: ctx.settings.sync.overlapMinutes * 60_000,
  };
}

const MOVEMENT_TYPES: readonly MovementType[] = ['deposit', 'withdrawal'];

/** Deposits and withdrawals, each its own stream (own cursor). */
function movementStreams(ctx: AttemptContext, seen: StreamSeen): (() => Promise<boolean>)[] {
  return MOVEMENT_TYPES.map((type) => () => {
    const norm = { exchange: ctx.account.exchange, accountId: ctx.account.id, type, now: ctx.clock.now() };
    return runStream<Movement>(ctx, {
      stream: 'movements', marketType: null, symbol: type,
      fetch: (cursor, since) => ctx.adapter.fetchMovementsPage({ type, cursor, since, limit: ctx.settings.sync.pageSize, now: ctx.clock.now() }),
      normalize: (rows) => ctx.normalizers.movements(rows, norm),
      toParts: (rows) => ({ movements: rows }),
      onRows: (rows) => {
        for (const m of rows) {
          seen.currencies.add(m.currency);
          noteLatest(seen.currencyLastAt, m.currency, m.timestamp);
        }
      },
    });
  });
}

/**
 * The movements kind covers every wallet flow: deposits and withdrawals, converts, dust, rewards
 * and transfers. Each is a stream of its own (own cursor, one page per commit) and none reads
 * another's rows, so where the wallet has a bucket of its own (Binance `sapi`) up to
 * maxInFlightRequests of them page side by side (docs/SYNC-STATUS.md, "Stages run side by side").
 */
export async function syncMovementsAndWallet(ctx: AttemptContext, seen: StreamSeen): Promise<void> {
  ctx.progress({ phase: 'movements', currentSymbols: [] });
  const slots = ctx.adapter.bucketPerMarketType === true ? ctx.settings.sync.maxInFlightRequests : 1;
  await runInSlots([...movementStreams(ctx, seen), ...walletFlowStreams(ctx, seen)], slots, (stream) => stream(), { stopped: () => ctx.signal.aborted });
}

export async function syncIncome(ctx: AttemptContext, marketTypes: readonly MarketType[], seen: StreamSeen): Promise<void> {
  ctx.progress({ phase: 'income', currentSymbols: [] });
  // Only futures have income (funding, realized P&L, commissions).
  for (const marketType of marketTypes.filter((m) => m === 'linear')) {
    if (ctx.signal.aborted) return;
    const norm = { exchange: ctx.account.exchange, accountId: ctx.account.id, marketType, now: ctx.clock.now(), markets: ctx.markets.get(marketType) ?? EMPTY_INDEX };
    const covered: { from: number | null; at: number } = { from: null, at: 0 };
    const onStart = (start: ResumePoint): void => {
      covered.at = ctx.clock.now();
      covered.from = incomeReadFrom(start, ctx.adapter.incomeHistoryMs, covered.at);
    };
    const normalize = (rows: unknown[]): Normalized<Income> => ctx.normalizers.income(rows, norm);
    const eta = new IncomeLaneEta(ctx, seen);
    const onRows = (rows: Income[]): void => {
      for (const i of rows) {
        if (i.symbol === null) continue;
        seen.symbols.add(i.symbol);
        noteLatest(seen.symbolLastAt, i.symbol, i.timestamp);
      }
      eta.noteRows(rows);
    };
    const limit = ctx.settings.sync.pageSize;
    const windowsOf = ctx.adapter.incomeWindows?.bind(ctx.adapter);
    // Independent windows are read side by side (main/sync/income-windows.ts); otherwise one page after another.
    const complete = windowsOf !== undefined
      ? await runIncomeWindows(ctx, {
        marketType, inputs: startInputs(ctx), onStart, normalize, onRows,
        windows: (start) => windowsOf({ marketType, cursor: start.cursor, since: start.since, now: covered.at }),
        fetch: (cursor, until, since) => ctx.adapter.fetchIncomePage({ marketType, cursor, since, limit, now: ctx.clock.now(), ...(until === null ? {} : { until }) }),
        onCommitted: (round) => eta.committed(round),
      })
      : await runStream<Income>(ctx, {
        stream: 'income', marketType, symbol: '', onStart, normalize, onRows,
        fetch: (cursor, since) => ctx.adapter.fetchIncomePage({ marketType, cursor, since, limit, now: ctx.clock.now() }),
        toParts: (rows) => ({ income: rows }),
      });
    seen.incomeCovered = complete && covered.from !== null ? { from: covered.from, at: covered.at } : null;
  }
}

/**
 * From when an income stream that starts at `start` reads every row: what the exchange serves
 * begins at its horizon whatever we ask for. Null when unknown (no horizon), or when it resumes
 * inside a window whose first rows an earlier attempt read (their symbols are not in this one's).
 */
function incomeReadFrom(start: ResumePoint, horizonMs: number | undefined, now: number): number | null {
  if (horizonMs === undefined) return null;
  if (start.cursor === null) return Math.max(start.since ?? 0, now - horizonMs);
  if (start.cursor.kind !== 'window' || start.cursor.pageCursor !== null) return null;
  return Math.max(start.cursor.windowStart, now - horizonMs);
}

/** Each wallet kind is its own stream (own checkpoints, own status); the adapter names its sub-streams. */
export const FLOW_STREAMS: readonly { stream: SyncStream; kind: AssetFlowKind }[] = [
  { stream: 'converts', kind: 'convert' },
  { stream: 'dust', kind: 'dust' },
  { stream: 'rewards', kind: 'reward' },
  { stream: 'transfers', kind: 'transfer' },
];

/**
 * Converts, dust, distributions and wallet transfers: like movements, one page per commit with
 * its checkpoint. Their currencies feed symbol discovery (an asset that came in by convert may
 * have been traded).
 */
function walletFlowStreams(ctx: AttemptContext, seen: StreamSeen): (() => Promise<boolean>)[] {
  return FLOW_STREAMS.flatMap(({ stream, kind }) => ctx.adapter.flowSubtypes(kind).map((subtype) => () => {
    ctx.progress({ phase: 'wallet', currentSymbols: [] });
    const norm = { exchange: ctx.account.exchange, accountId: ctx.account.id, kind, now: ctx.clock.now() };
    return runStream<AssetFlow>(ctx, {
      stream, marketType: null, symbol: subtype,
      fetch: (cursor, since) => ctx.adapter.fetchFlowsPage({ kind, subtype, cursor, since, limit: ctx.settings.sync.pageSize, now: ctx.clock.now() }),
      normalize: (rows) => ctx.normalizers.flows(rows, norm),
      toParts: (rows) => ({ flows: rows }),
      onRows: (rows) => {
        for (const f of rows) {
          for (const leg of f.legs) {
            seen.currencies.add(leg.asset);
            noteLatest(seen.currencyLastAt, leg.asset, f.timestamp);
          }
        }
      },
    });
  }));
}

export async function syncBalances(ctx: AttemptContext, marketTypes: readonly MarketType[]): Promise<void> {
  ctx.progress({ phase: 'balances', currentSymbols: [] });
  // Each market type's snapshot on its own bucket (Binance: spot account on `api`, USD-M on `fapi`)
  // is asked side by side: the trade lanes wait for both. Every snapshot settles (commits or fails)
  // before the first failure is raised, so nothing commits after the stage ended.
  if (ctx.adapter.bucketPerMarketType !== true) {
    for (const marketType of marketTypes) await syncBalance(ctx, marketType);
    return;
  }
  const runs = await Promise.allSettled(marketTypes.map((m) => syncBalance(ctx, m)));
  const failed = runs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

async function syncBalance(ctx: AttemptContext, marketType: MarketType): Promise<void> {
  if (ctx.signal.aborted) return;
  const result = await withPageRetry(`balances ${marketType}`, () => ctx.adapter.fetchBalances(marketType), ctx.retry);
  let snapshot;
  try {
    snapshot = ctx.normalizers.balances(result, { exchange: ctx.account.exchange, accountId: ctx.account.id, now: ctx.clock.now() });
  } catch (error) {
    await ctx.writer.snapshot('normalize balances failed', result.raw);
    throw new AppError('INTERNAL', 'Could not read the balances the exchange returned; a raw snapshot was kept.', { cause: error });
  }
  await ctx.writer.commit({ balances: snapshot === null ? [] : [snapshot], checkpoints: [], fetched: 1, pages: 1, raw: result.raw });
  if (marketType === 'spot' && snapshot !== null) ctx.spotBalances = Object.fromEntries(snapshot.balances.map((b) => [b.currency, b.total]));
}
