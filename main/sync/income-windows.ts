import { checkpointKey } from '../../shared/domain/keys';
import { AppError } from '../../shared/errors';
import type { Checkpoint, Cursor, Income, MarketType } from '../../shared/domain/types';
import { resumePoint, type ResumePoint, type StartInputs } from '../../shared/sync/plan';
import type { IncomeWindow, Page } from '../exchange/adapter';
import type { AttemptContext } from './context';
import type { Normalized } from './normalizers';
import { withPageRetry } from './pageRetry';
import { runInSlots } from './slots';

/**
 * The USD-M income stream read as the adapter's independent time windows side by side
 * (docs/SYNC-STATUS.md, "Income windows side by side"): up to maxInFlightRequests windows at once,
 * each paged by time on its own. One checkpoint as before, which only ever covers a prefix: it
 * points into the first window not yet read to its end, at the last page of it that committed
 * (invariant 3: a later window's rows may already be stored, but the cursor never passes an
 * unread row; a resume reads them again and their keys absorb it, invariant 1). A window's next
 * page is asked only after its previous page committed. Pages that arrive while a commit runs
 * share the next commit, as trade pages do (main/sync/trades.ts).
 */
export interface IncomeWindowsSpec {
  marketType: MarketType;
  /** Where a stream without a checkpoint starts (main/sync/streams.ts `startInputs`). */
  inputs: StartInputs;
  windows: (start: ResumePoint) => IncomeWindow[];
  fetch: (cursor: Cursor, until: number | null, since: number | null) => Promise<Page>;
  normalize: (rows: unknown[]) => Normalized<Income>;
  onRows: (rows: Income[]) => void;
  onStart: (start: ResumePoint) => void;
  /** After each commit: the pages it held and the windows not yet read to their end (the ETA's hook). */
  onCommitted?: (round: { pages: number; windowsLeft: number }) => void;
}

interface WindowState {
  until: number | null;
  /** The cursor after this window's last committed page (its start before any). */
  cursor: Cursor;
  /** Read to its end (its last page committed). */
  finished: boolean;
}

interface Staged {
  window: WindowState;
  page: Page;
  rows: Income[];
  invalid: Normalized<Income>['invalid'];
  settle: { resolve: () => void; reject: (error: unknown) => void };
}

/** True when the page ended its window: the stream's end, or a cursor at or past the next window's start. */
function endsWindow(window: WindowState, page: Page): boolean {
  if (page.done || window.until === null) return page.done;
  return page.next.kind === 'window' && page.next.windowStart > window.until;
}

/** Pages the stream to its end; true when it got there (not stopped, not at its page budget). */
export async function runIncomeWindows(ctx: AttemptContext, spec: IncomeWindowsSpec): Promise<boolean> {
  const key = checkpointKey(ctx.account.id, 'income', spec.marketType, '');
  const existing = (await ctx.store.getCheckpoints(ctx.account.id, 'income')).find((c) => c.key === key);
  const start = resumePoint(existing, spec.inputs);
  spec.onStart(start);
  const windows: WindowState[] = spec.windows(start).map((w) => ({ until: w.until, cursor: w.cursor, finished: false }));
  let lastTimestamp = existing?.lastTimestamp ?? null;
  let rowCount = existing?.rowCount ?? 0;
  let pages = 0;
  let stopped = false;
  let staged: Staged[] = [];
  let committing: Promise<void> | null = null;

  // The checkpoint after a commit: inside the first window not read to its end (or, all read, the last page's next).
  const prefixCursor = (): Cursor => {
    const open = windows.find((w) => !w.finished);
    return (open ?? windows[windows.length - 1] as WindowState).cursor;
  };

  const commitStaged = async (): Promise<void> => {
    const round = staged;
    staged = [];
    const lastBefore = lastTimestamp;
    try {
      const rows = round.flatMap((s) => s.rows);
      for (const r of rows) lastTimestamp = Math.max(lastTimestamp ?? r.timestamp, r.timestamp);
      rowCount += rows.length;
      // Window state moves before the checkpoint is built: it commits with these rows or not at all.
      const before = round.map((s) => ({ window: s.window, cursor: s.window.cursor, finished: s.window.finished }));
      for (const s of round) {
        s.window.cursor = s.page.next;
        if (endsWindow(s.window, s.page)) s.window.finished = true;
      }
      const checkpoint: Checkpoint = {
        key, accountId: ctx.account.id, stream: 'income', marketType: spec.marketType, symbol: '',
        cursor: prefixCursor(), lastTimestamp, rowCount, updatedAt: ctx.clock.now(),
      };
      try {
        await ctx.writer.commit({
          income: rows, checkpoints: [checkpoint], invalid: round.flatMap((s) => s.invalid),
          fetched: round.reduce((n, s) => n + s.page.rows.length, 0), pages: round.length, raw: round.map((s) => s.page.rows),
        });
      } catch (error) {
        for (const b of before) {
          b.window.cursor = b.cursor;
          b.window.finished = b.finished;
        }
        rowCount -= rows.length;
        lastTimestamp = lastBefore;
        throw error;
      }
      for (const s of round) spec.onRows(s.rows);
      spec.onCommitted?.({ pages: round.length, windowsLeft: windows.filter((w) => !w.finished).length });
      ctx.progress({ inserted: ctx.writer.inserted, duplicates: ctx.writer.duplicates, requests: ctx.counters.requests, weightUsed: ctx.counters.weight });
      for (const s of round) s.settle.resolve();
    } catch (error) {
      for (const s of round) s.settle.reject(error);
    }
  };

  // One commit at a time; pages staged meanwhile go into the next one.
  const pump = (): void => {
    if (committing !== null || staged.length === 0) return;
    committing = commitStaged().finally(() => {
      committing = null;
      pump();
    });
  };

  const commitPage = (window: WindowState, page: Page, normalized: Normalized<Income>): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      staged.push({ window, page, rows: normalized.valid, invalid: normalized.invalid, settle: { resolve, reject } });
      pump();
    });

  const readWindow = async (window: WindowState): Promise<void> => {
    while (!window.finished) {
      // Graceful stop: no new page once stop/cancel was asked, or a sibling window failed.
      if (stopped || ctx.signal.aborted) return;
      if (pages >= ctx.settings.sync.maxPagesPerSymbol) {
        ctx.budgetHit = true;
        return;
      }
      pages++;
      const page = await withPageRetry(`income ${window.cursor.kind === 'window' ? window.cursor.windowStart : ''}`, () => spec.fetch(window.cursor, window.until, start.since), ctx.retry);
      let normalized: Normalized<Income>;
      try {
        normalized = spec.normalize(page.rows);
      } catch (error) {
        await ctx.writer.snapshot('normalize income failed', page.rows);
        throw new AppError('INTERNAL', 'Could not read the rows the exchange returned; a raw snapshot was kept.', { cause: error });
      }
      await commitPage(window, page, normalized);
    }
  };

  // Earliest windows first, so the checkpoint's prefix moves as early as it can. A failed window
  // stops its siblings at their next page.
  await runInSlots(windows, ctx.settings.sync.maxInFlightRequests, readWindow, { onFailure: () => { stopped = true; } });
  return windows.every((w) => w.finished);
}
