import type { Income, MarketType } from '../../shared/domain/types';
import { futuresLaneEtaMs, linearTradesEtaMs, msPerRow } from '../../shared/sync/futures-eta';
import { addRound, groupedTradesEtaMs, noRounds, type RoundCosts, type SymbolGroupProgress } from '../../shared/sync/symbols-eta';
import type { AttemptContext } from './context';
import type { StreamSeen } from './streams';
import type { BatchWriter } from './writer';

/**
 * The stages' ETA hooks: what the income and trades stages count for their lane's figure
 * (shared/sync/futures-eta.ts, shared/sync/symbols-eta.ts). Each lane reports its figure through
 * its progress; the job shows the largest (main/sync/progress-lanes.ts).
 */

/**
 * The job's pace in committed rows, every lane's together (the writer is the attempt's, shared
 * by its lanes). The clock starts at the first commit with rows seen here, not when the pipeline
 * began: balances, markets and the first (cold) commits hold no rows, and counting them made the
 * pace per row look slower than it was. Later stages are priced at it (shared/sync/futures-eta.ts).
 */
const paceStarts = new WeakMap<BatchWriter, { at: number; rows: number; counting: boolean }>();

function committedRows(writer: BatchWriter): number {
  return writer.inserted + writer.duplicates;
}

/** Called when the attempt's pipeline begins (main/sync/progress-lanes.ts); later calls keep the first start. */
export function startJobPace(ctx: AttemptContext): void {
  if (!paceStarts.has(ctx.writer)) paceStarts.set(ctx.writer, { at: ctx.clock.now(), rows: committedRows(ctx.writer), counting: false });
}

/** ms per row the attempt committed since its first rows, or null before one page's worth more. */
export function jobMsPerRow(ctx: AttemptContext): number | null {
  startJobPace(ctx);
  const start = paceStarts.get(ctx.writer);
  if (start === undefined) return null;
  const now = ctx.clock.now();
  const rows = committedRows(ctx.writer);
  if (!start.counting) {
    if (rows > start.rows) paceStarts.set(ctx.writer, { at: now, rows, counting: true });
    return null;
  }
  return msPerRow(rows - start.rows, now - start.at, ctx.settings.sync.pageSize);
}

/** Fills income named for these symbols (its COMMISSION rows), for the USD-M fills stage's figure. */
export function fillsNamed(seen: StreamSeen, symbols: readonly { symbol: string }[]): number {
  return symbols.reduce((n, s) => n + (seen.fillsNamed?.get(s.symbol) ?? 0), 0);
}

/**
 * The USD-M income stage's ETA hook: counts the fills income names (into `seen`, for the fills
 * stage) and, after every committed page, reports the lane's remaining time: its windows still
 * to read and, in a full sync (where the fills stage follows), the fills named so far.
 */
export class IncomeLaneEta {
  private readonly startedAt: number;
  private pages = 0;

  constructor(private readonly ctx: AttemptContext, private readonly seen: StreamSeen) {
    this.startedAt = ctx.clock.now();
    seen.fillsNamed ??= new Map();
  }

  noteRows(rows: readonly Income[]): void {
    const named = this.seen.fillsNamed;
    if (named === undefined) return;
    // Every fill with a fee books one COMMISSION row (docs/HISTORY-KINDS.md).
    for (const r of rows) if (r.incomeType === 'COMMISSION' && r.symbol !== null) named.set(r.symbol, (named.get(r.symbol) ?? 0) + 1);
  }

  /** After a commit of the side-by-side income reader (main/sync/income-windows.ts). */
  committed(round: { pages: number; windowsLeft: number }): void {
    this.pages += round.pages;
    const now = this.ctx.clock.now();
    const fillsFollow = this.ctx.job.mode === 'full';
    const fills = fillsFollow ? [...(this.seen.fillsNamed?.values() ?? [])].reduce((n, c) => n + c, 0) : 0;
    const eta = futuresLaneEtaMs({
      incomeElapsedMs: now - this.startedAt, incomePagesDone: this.pages, incomeWindowsLeft: round.windowsLeft, fillsLeft: fills, jobMsPerRow: jobMsPerRow(this.ctx),
    });
    if (eta !== null) this.ctx.progress({ etaMs: eta });
  }
}

interface EtaSymbol {
  key: string;
  ref: { marketType: MarketType; symbol: string };
  pages: number;
  rowCount: number;
}

/**
 * A trades stage's ETA bookkeeping (shared/sync/symbols-eta.ts): which group each symbol is in
 * (spot: the account holds its base asset, from the balances fetched before the lanes), what the
 * finished ones needed, and each commit round's pages, rows and time. A USD-M fills stage also
 * counts the fills income named for its symbols (`fillsExpected`, shared/sync/futures-eta.ts).
 */
export class TradesStageEta {
  private readonly startedAt: number;
  private lastAt: number;
  private rounds: RoundCosts = noRounds();
  private readonly groupOf = new Map<string, number>();
  private readonly rowsAtStart = new Map<string, number>();
  private readonly finishedOf: { symbols: number; pages: number; rows: number }[] = [{ symbols: 0, pages: 0, rows: 0 }, { symbols: 0, pages: 0, rows: 0 }];
  private pagesSeen = 0;
  private rowsSeen = 0;

  constructor(private readonly ctx: AttemptContext, states: readonly EtaSymbol[], private readonly fillsExpected?: number) {
    this.startedAt = ctx.clock.now();
    this.lastAt = this.startedAt;
    const held = ctx.spotBalances ?? {};
    const baseOf = new Map((ctx.loadedMarkets ?? []).map((m) => [`${m.marketType}:${m.symbol}`, m.base]));
    for (const s of states) {
      const base = s.ref.marketType === 'spot' ? baseOf.get(`spot:${s.ref.symbol}`) : undefined;
      this.groupOf.set(s.key, base !== undefined && (held[base] ?? 0) > 0 ? 0 : 1);
      this.rowsAtStart.set(s.key, s.rowCount);
    }
  }

  private rowsOf(s: EtaSymbol): number {
    return s.rowCount - (this.rowsAtStart.get(s.key) ?? s.rowCount);
  }

  finished(s: EtaSymbol): void {
    const g = this.finishedOf[this.groupOf.get(s.key) ?? 1];
    if (g === undefined) return;
    g.symbols++;
    g.pages += s.pages;
    g.rows += this.rowsOf(s);
  }

  /** The figure before any page: only a USD-M stage's named fills give one. */
  beforeFirstPage(): number | null {
    return this.withFills(null, 0);
  }

  private withFills(pageEta: number | null, rowsFetched: number): number | null {
    if (this.fillsExpected === undefined) return pageEta;
    return linearTradesEtaMs(pageEta, this.fillsExpected - rowsFetched, jobMsPerRow(this.ctx));
  }

  /**
   * After a commit: the round's pages, rows and time join the cost fit; returns the estimate.
   * `queued`: the pages known to come whose weight is not reserved yet (symbols not yet asked, and
   * symbols with more pages waiting for their next one).
   */
  committed(states: readonly EtaSymbol[], queued: number): number | null {
    const now = this.ctx.clock.now();
    const groups: SymbolGroupProgress[] = this.finishedOf.map((f) => ({
      symbolsTotal: 0, symbolsFinished: f.symbols, pagesOfFinished: f.pages, rowsOfFinished: f.rows, pagesDone: 0, rowsDone: 0,
    }));
    for (const s of states) {
      const g = groups[this.groupOf.get(s.key) ?? 1];
      if (g === undefined) continue;
      g.symbolsTotal++;
      g.pagesDone += s.pages;
      g.rowsDone += this.rowsOf(s);
    }
    const pages = groups.reduce((n, g) => n + g.pagesDone, 0);
    const rows = groups.reduce((n, g) => n + g.rowsDone, 0);
    if (pages > this.pagesSeen) {
      this.rounds = addRound(this.rounds, pages - this.pagesSeen, rows - this.rowsSeen, now - this.lastAt);
      this.pagesSeen = pages;
      this.rowsSeen = rows;
      this.lastAt = now;
    }
    const eta = this.withFills(groupedTradesEtaMs({ elapsedMs: now - this.startedAt, groups, rounds: this.rounds }), rows);
    return eta === null ? null : Math.max(eta, this.rateFloorMs(states, queued));
  }

  /**
   * The rate limit's floor under the figure: the queued pages cannot all be sent before the
   * windows their weight needs have opened
   * (shared/sync/window.ts `sendAllWaitMs`). Right after a fixed window's burst the pace says the
   * lane is fast; a lane with several windows of sweep left is not (at real speed: -38 % at a
   * quarter of the real-size account without it, docs/BENCHMARKS.md). Only pages known to come
   * are counted, so it never adds a guess. 0 when the pages' cost is unknown or the stage mixes
   * market types.
   */
  private rateFloorMs(states: readonly EtaSymbol[], queued: number): number {
    const marketType = states[0]?.ref.marketType;
    if (marketType === undefined || states.some((s) => s.ref.marketType !== marketType)) return 0;
    const cost = this.ctx.adapter.tradesPageCost?.(marketType);
    if (cost === undefined) return 0;
    // The wait of the next page itself is left out: while a request waits for its window, the
    // runner adds that wait on top of the figure (runner.ts `mergeProgress`).
    return Math.max(0, this.ctx.waitToSendMs(cost.bucket, queued * cost.weight) - this.ctx.waitToSendMs(cost.bucket, cost.weight));
  }
}
