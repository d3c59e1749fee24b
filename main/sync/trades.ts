import { checkpointKey } from '../../shared/domain/keys';
import type { Checkpoint, Cursor, InvalidRowReport, MarketType, Trade } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { errorAction } from '../../shared/sync/classify';
import { resumePoint } from '../../shared/sync/plan';
import { toSafeError } from '../../shared/sync/sanitize';
import type { Page } from '../exchange/adapter';
import type { AttemptContext } from './context';
import { EMPTY_INDEX } from './normalizers';
import { asAppError, withPageRetry } from './pageRetry';
import { startInputs } from './streams';
import { TradesStageEta } from './stage-eta';

export interface SymbolRef {
  marketType: MarketType;
  symbol: string;
}

interface SymbolState {
  ref: SymbolRef;
  key: string;
  cursor: Cursor | null;
  since: number | null;
  pages: number;
  done: boolean;
  lastTimestamp: number | null;
  rowCount: number;
}

type FetchOutcome = { state: SymbolState; page: Page } | { state: SymbolState; error: AppError };

/** What the stage knew before its first page: which symbols had evidence of history, and (USD-M) the fills income named. */
export interface TradesStageHints {
  evidenced: (ref: SymbolRef) => boolean;
  fillsExpected?: number;
}

/**
 * Trades as a pipeline over every symbol. Up to maxInFlightRequests pages are on the wire at
 * once, from different symbols, and a symbol that finishes hands its slot to the next waiting one
 * at once, so the wire stays busy however uneven the symbols are. Fetched pages are committed
 * (one BatchCommit for whatever is staged) while other symbols' pages are fetched. A symbol's next
 * page is requested only after its previous page committed: every cursor sent to the exchange is
 * a committed one (invariant 3 holds on the wire too, and a crash never refetches a page whose
 * successor was already requested). Memory is bounded by one page per slot.
 */
export async function syncTrades(ctx: AttemptContext, symbols: readonly SymbolRef[], hints: TradesStageHints): Promise<void> {
  const existing = new Map((await ctx.store.getCheckpoints(ctx.account.id, 'trades')).map((c) => [c.key, c]));
  const states = symbols.map((ref) => initialState(ctx, ref, existing));
  // Progress keeps its unit, a group of symbolsPerBatch symbols, so the UI's "batch i of n" and ETA still read right.
  const perGroup = Math.max(1, ctx.settings.sync.symbolsPerBatch);
  const batchCount = Math.ceil(states.length / perGroup);
  // ETA hook (main/sync/stage-eta.ts): pages and rows of the symbols so far; USD-M also the
  // fills income named. None until it has a figure: a stale one from the lane's stage before
  // (a wallet stage's nothing) says nothing about its trades.
  const eta = new TradesStageEta(ctx, states, hints.evidenced, hints.fillsExpected);
  ctx.progress({ phase: 'trades', batchIndex: 0, batchCount, currentSymbols: [], etaMs: eta.beforeFirstPage() });
  let finished = 0;
  // Reported after every commit, not only when a symbol finishes, so it exists after a few commits.
  const report = (active: readonly SymbolState[], queued: number): void => {
    const groups = Math.floor(finished / perGroup);
    ctx.progress({ currentSymbols: active.map((s) => s.ref.symbol), batchIndex: Math.min(batchCount, groups + 1), etaMs: eta.committed(states, queued) });
  };
  await runSymbolPipeline(ctx, states, {
    onFinished: (state) => {
      finished++;
      eta.finished(state);
    },
    onCommitted: report,
    onFetched: (ms, queued) => {
      const etaMs = eta.fetched(ms, queued);
      if (etaMs !== undefined) ctx.progress({ etaMs });
    },
  });
}

function initialState(ctx: AttemptContext, ref: SymbolRef, existing: Map<string, Checkpoint>): SymbolState {
  const key = checkpointKey(ctx.account.id, 'trades', ref.marketType, ref.symbol);
  const cp = existing.get(key);
  const start = resumePoint(cp, startInputs(ctx));
  return {
    ref, key, cursor: start.cursor, since: start.since, pages: 0, done: false,
    lastTimestamp: cp?.lastTimestamp ?? null, rowCount: cp?.rowCount ?? 0,
  };
}

interface PipelineHooks {
  onFinished: (state: SymbolState) => void;
  /** After each commit: the symbols in progress, and how many pages wait to be asked (never asked, or ready for their next). */
  onCommitted: (active: readonly SymbolState[], queued: number) => void;
  /** A page arrived `ms` after it was asked for; `queued` pages wait to be asked. */
  onFetched: (ms: number, queued: number) => void;
}

async function runSymbolPipeline(ctx: AttemptContext, states: SymbolState[], hooks: PipelineHooks): Promise<void> {
  const { onFinished, onCommitted, onFetched } = hooks;
  const slots = Math.max(1, ctx.settings.sync.maxInFlightRequests);
  const waiting = [...states];
  /** Symbols whose last page committed and that have more to fetch. */
  const ready: SymbolState[] = [];
  const active = new Set<SymbolState>();
  const inFlight = new Set<Promise<void>>();
  let staged: FetchOutcome[] = [];
  let committing: Promise<void> | null = null;
  let raise: unknown = null;
  let stop = false;

  const finish = (state: SymbolState): void => {
    active.delete(state);
    onFinished(state);
  };
  const overBudget = (state: SymbolState): boolean => {
    if (state.pages < ctx.settings.sync.maxPagesPerSymbol) return false;
    ctx.budgetHit = true;
    return true;
  };
  const next = (): SymbolState | null => {
    const state = ready.shift() ?? waiting.shift();
    if (state === undefined) return null;
    active.add(state);
    return state;
  };
  const launch = (state: SymbolState): void => {
    const askedAt = ctx.clock.now();
    const task = fetchOne(ctx, state).then((outcome) => {
      inFlight.delete(task);
      if ('page' in outcome) onFetched(ctx.clock.now() - askedAt, waiting.length + ready.length);
      staged.push(outcome);
      // A job-level error stops new fetches; what is staged still commits before it is raised.
      if ('error' in outcome && !['bad_symbol', 'stop'].includes(errorAction(outcome.error.code))) stop = true;
    });
    inFlight.add(task);
  };
  // A page that ended its symbol (the scan's empty pages, most of a first sync in scope `all`)
  // waits to share a commit with others, up to one per slot: one transaction per page cost more
  // than the pages' requests (docs/BENCHMARKS.md, "Real-size account"). A page whose symbol has
  // more to fetch commits at once, since its next request waits for that commit (invariant 3).
  const commitNow = (): boolean => staged.length > 0 && (
    stop || inFlight.size === 0 || staged.length >= slots || staged.some((o) => !('error' in o) && !o.page.done)
  );
  const startCommit = (): void => {
    const pages = staged;
    staged = [];
    committing = commitRound(ctx, pages).then(() => {
      // Cursors moved with the commit: symbols with more pages queue for their next one.
      for (const o of pages) {
        const { state } = o;
        if (state.done || 'error' in o || overBudget(state)) finish(state);
        else ready.push(state);
      }
      onCommitted([...active], waiting.length + ready.length);
    }, (error: unknown) => {
      raise ??= error;
      stop = true;
    }).finally(() => { committing = null; });
  };

  for (;;) {
    if (ctx.signal.aborted) stop = true;
    while (!stop && inFlight.size < slots) {
      const state = next();
      if (state === null) break;
      if (overBudget(state)) {
        finish(state);
        continue;
      }
      launch(state);
    }
    if (committing === null && commitNow()) startCommit();
    if (inFlight.size === 0 && committing === null && staged.length === 0) {
      if (stop || (ready.length === 0 && waiting.length === 0)) break;
      continue;
    }
    const pending: Promise<void>[] = [...inFlight];
    if (committing !== null) pending.push(committing);
    await Promise.race(pending);
  }
  if (raise !== null) throw raise;
}

async function fetchOne(ctx: AttemptContext, state: SymbolState): Promise<FetchOutcome> {
  const { marketType, symbol } = state.ref;
  try {
    const page = await withPageRetry(`trades ${symbol}`, () => ctx.adapter.fetchTradesPage({
      marketType, symbol, cursor: state.cursor, since: state.since, limit: ctx.settings.sync.pageSize, now: ctx.clock.now(),
    }), ctx.retry);
    return { state, page };
  } catch (error) {
    return { state, error: asAppError(error) };
  }
}

/**
 * Commits every complete page of the round, then raises the first job-level error, so pages that
 * arrived before a failure (or a stop) are never fetched twice.
 */
async function commitRound(ctx: AttemptContext, outcomes: FetchOutcome[]): Promise<void> {
  const trades: Trade[] = [];
  const checkpoints: Checkpoint[] = [];
  const invalid: InvalidRowReport[] = [];
  const raw: unknown[] = [];
  const advanced: { state: SymbolState; page: Page; lastTimestamp: number | null; rowCount: number }[] = [];
  let fetched = 0;
  let raise: unknown = null;
  // A symbol can have several pages in one commit (in fetch order): each builds on the previous.
  const running = new Map<SymbolState, { lastTimestamp: number | null; rowCount: number }>();
  for (const o of outcomes) {
    const { state } = o;
    if ('error' in o) {
      const action = errorAction(o.error.code);
      if (action === 'bad_symbol') {
        // A delisted or unknown symbol must not sink the job: record it and go on.
        ctx.writer.addFailure({ marketType: state.ref.marketType, symbol: state.ref.symbol, ...toSafeError(o.error), at: ctx.clock.now() });
      } else if (action !== 'stop') {
        raise ??= o.error;
      }
      state.done = true;
      continue;
    }
    const ctxN = {
      exchange: ctx.account.exchange, accountId: ctx.account.id, marketType: state.ref.marketType, symbol: state.ref.symbol,
      now: ctx.clock.now(), markets: ctx.markets.get(state.ref.marketType) ?? EMPTY_INDEX,
    };
    try {
      const n = ctx.normalizers.trades(o.page.rows, ctxN);
      trades.push(...n.valid);
      invalid.push(...n.invalid);
      // (One page per symbol per commit now; kept general so a commit never depends on that.)
      const before = running.get(state) ?? { lastTimestamp: state.lastTimestamp, rowCount: state.rowCount };
      let lastTimestamp = before.lastTimestamp;
      for (const t of n.valid) lastTimestamp = Math.max(lastTimestamp ?? t.timestamp, t.timestamp);
      const rowCount = before.rowCount + n.valid.length;
      running.set(state, { lastTimestamp, rowCount });
      // Written for empty pages too: "searched up to here, nothing found" is progress. Without it a
      // never-traded USD-M symbol is searched window by window from the start on every sync (with
      // ~500 perpetuals, about 27 minutes of Binance's weight budget each time). Hints only count
      // checkpoints that hold rows (pipeline.ts), so empty ones do not become 'held' symbols.
      checkpoints.push({
        key: state.key, accountId: ctx.account.id, stream: 'trades', marketType: state.ref.marketType, symbol: state.ref.symbol,
        cursor: o.page.next, lastTimestamp, rowCount, updatedAt: ctx.clock.now(),
      });
      advanced.push({ state, page: o.page, lastTimestamp, rowCount });
      fetched += o.page.rows.length;
      raw.push({ symbol: state.ref.symbol, rows: o.page.rows });
    } catch (error) {
      await ctx.writer.snapshot(`normalize trades ${state.ref.symbol} failed`, o.page.rows);
      state.done = true;
      // A normalizer that throws (instead of reporting a row) is a bug: fail the job, do not retry it.
      raise ??= new AppError('INTERNAL', 'Could not read the rows the exchange returned; a raw snapshot was kept.', { cause: error });
    }
  }
  if (advanced.length > 0 || ctx.writer.pendingSymbolFailures().length > 0) {
    await ctx.writer.commit({ trades, checkpoints, invalid, fetched, pages: advanced.length, raw });
    // Only now, with the rows committed, do cursors move (invariant 3).
    for (const a of advanced) {
      a.state.cursor = a.page.next;
      a.state.pages++;
      a.state.lastTimestamp = a.lastTimestamp;
      a.state.rowCount = a.rowCount;
      if (a.page.done) a.state.done = true;
    }
    ctx.progress({ inserted: ctx.writer.inserted, duplicates: ctx.writer.duplicates, requests: ctx.counters.requests, weightUsed: ctx.counters.weight });
  }
  if (raise !== null) throw raise;
}
