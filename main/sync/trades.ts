import { checkpointKey } from '../../shared/domain/keys';
import type { Checkpoint, Cursor, InvalidRowReport, MarketType, Trade } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { errorAction } from '../../shared/sync/classify';
import { chunk, etaMs, resumePoint } from '../../shared/sync/plan';
import { toSafeError } from '../../shared/sync/sanitize';
import type { Page } from '../exchange/adapter';
import { mapLimit, type AttemptContext } from './context';
import { EMPTY_INDEX } from './normalizers';
import { asAppError, withPageRetry } from './pageRetry';
import { startInputs } from './streams';

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

/**
 * Trades, per symbol batch (settings.sync.symbolsPerBatch symbols). A batch runs in rounds: one page
 * per unfinished symbol (at most maxInFlightRequests at once), then ONE commit of the round's rows
 * and checkpoints. Memory is bounded by one round; the cursor only moves with committed rows.
 */
export async function syncTrades(ctx: AttemptContext, symbols: readonly SymbolRef[]): Promise<void> {
  const existing = new Map((await ctx.store.getCheckpoints(ctx.account.id, 'trades')).map((c) => [c.key, c]));
  const batches = chunk(symbols, ctx.settings.sync.symbolsPerBatch);
  const started = ctx.clock.now();
  ctx.progress({ phase: 'trades', batchIndex: 0, batchCount: batches.length, currentSymbols: [] });
  for (let b = 0; b < batches.length; b++) {
    if (ctx.signal.aborted) return;
    const batch = batches[b] ?? [];
    ctx.progress({ currentSymbols: batch.map((s) => s.symbol), batchIndex: b + 1 });
    await runBatch(ctx, batch.map((ref) => initialState(ctx, ref, existing)));
    ctx.progress({ etaMs: etaMs(ctx.clock.now() - started, b + 1, batches.length) });
  }
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

async function runBatch(ctx: AttemptContext, states: SymbolState[]): Promise<void> {
  for (;;) {
    if (ctx.signal.aborted) return;
    for (const s of states) {
      if (!s.done && s.pages >= ctx.settings.sync.maxPagesPerSymbol) {
        s.done = true;
        ctx.budgetHit = true;
      }
    }
    const round = states.filter((s) => !s.done);
    if (round.length === 0) return;
    const outcomes = await mapLimit(round, ctx.settings.sync.maxInFlightRequests, (s) => fetchOne(ctx, s));
    await commitRound(ctx, outcomes);
  }
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
      let lastTimestamp = state.lastTimestamp;
      for (const t of n.valid) lastTimestamp = Math.max(lastTimestamp ?? t.timestamp, t.timestamp);
      const rowCount = state.rowCount + n.valid.length;
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
