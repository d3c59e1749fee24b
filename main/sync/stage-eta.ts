import type { Income, MarketType } from '../../shared/domain/types';
import { futuresLaneEtaMs, linearTradesEtaMs, msPerRow } from '../../shared/sync/futures-eta';
import { latencyFloorMs } from '../../shared/sync/latency-floor';
import { addRound, groupedTradesEtaMs, NO_EVIDENCE_PRIOR, noRounds, type RoundCosts, type SymbolGroupProgress } from '../../shared/sync/symbols-eta';
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
 * (with evidence of history or not, as the stage ordered them: main/sync/pipeline.ts), what the
 * finished ones needed, and each commit round's pages, rows and time. A USD-M fills stage also
 * counts the fills income named for its symbols (`fillsExpected`, shared/sync/futures-eta.ts).
 */
export class TradesStageEta {
  private readonly startedAt: number;
  private lastAt: number;
  private rounds: RoundCosts = noRounds();
  /** The quickest a page of this stage arrived (its slot's turn: the gate, the wire, the reading). */
  private fastestPageMs: number | null = null;
  /** The commit-round model's last figure and when, and the last figure shown (for `fetched`). */
  private lastModel: { at: number; ms: number } | null = null;
  private lastShown: number | null = null;
  private readonly groupOf = new Map<string, number>();
  private readonly rowsAtStart = new Map<string, number>();
  private readonly finishedOf: { symbols: number; pages: number; rows: number }[] = [{ symbols: 0, pages: 0, rows: 0 }, { symbols: 0, pages: 0, rows: 0 }];
  private pagesSeen = 0;
  private rowsSeen = 0;
  /** What one of the stage's trades pages costs on its bucket; null when unknown or the stage mixes market types (no rate floor). */
  private readonly pageCost: { bucket: string; weight: number } | null;

  /** `evidenced(ref)`: whether the stage had evidence of history for the symbol (group 0) or not (group 1). */
  constructor(private readonly ctx: AttemptContext, states: readonly EtaSymbol[], evidenced: (ref: EtaSymbol['ref']) => boolean, private readonly fillsExpected?: number) {
    this.startedAt = ctx.clock.now();
    this.lastAt = this.startedAt;
    for (const s of states) {
      this.groupOf.set(s.key, evidenced(s.ref) ? 0 : 1);
      this.rowsAtStart.set(s.key, s.rowCount);
    }
    const marketType = states[0]?.ref.marketType;
    const oneType = marketType !== undefined && states.every((s) => s.ref.marketType === marketType);
    this.pageCost = oneType ? ctx.adapter.tradesPageCost?.(marketType) ?? null : null;
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
    const groups: SymbolGroupProgress[] = this.finishedOf.map((f, i) => ({
      symbolsTotal: 0, symbolsFinished: f.symbols, pagesOfFinished: f.pages, rowsOfFinished: f.rows, pagesDone: 0, rowsDone: 0,
      ...(i === 1 ? { prior: NO_EVIDENCE_PRIOR } : {}),
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
    const wirePageMs = this.fastestPageMs === null ? null : this.fastestPageMs / Math.max(1, this.ctx.settings.sync.maxInFlightRequests);
    const eta = this.withFills(groupedTradesEtaMs({ elapsedMs: now - this.startedAt, groups, rounds: this.rounds, wirePageMs }), rows);
    this.lastModel = eta === null ? null : { at: now, ms: eta };
    const figure = this.withFloors(eta, queued);
    this.lastShown = figure;
    return figure;
  }

  /**
   * After a page arrived, between commits: the figure again with the floors as they are now (the
   * commit-round model as of the last commit, less the time since), or undefined when it did not
   * change by a tenth. A 1,000-row commit can hold the next one back for a few hundred ms, and
   * early in a first sync those are the only commits: on the small account no figure existed at a
   * quarter of the sync, and a floor priced by the first full pages stood until the next commit.
   */
  fetched(ms: number, queued: number): number | undefined {
    this.pageFetched(ms);
    const now = this.ctx.clock.now();
    const model = this.lastModel === null ? null : Math.max(0, this.lastModel.ms - (now - this.lastModel.at));
    const figure = this.withFloors(model, queued);
    if (figure === null) return undefined;
    const shown = this.lastShown;
    if (shown !== null && Math.abs(figure - shown) <= 0.1 * shown) return undefined;
    this.lastShown = figure;
    return figure;
  }

  /** The model's figure raised to the floors; the floors alone when the model has none (null when they say nothing either). */
  private withFloors(model: number | null, queued: number): number | null {
    const floor = Math.max(this.rateFloorMs(queued), this.latencyFloorMs(queued));
    if (model === null) return floor > 0 ? floor : null;
    return Math.max(model, floor);
  }

  /**
   * A page arrived `ms` after it was asked for. The quickest so far prices the wire: early in a
   * first sync the empty pages arrive while 1,000-row pages and their commits hold both cores, up
   * to 2.5 times slower than once those are done, and a typical time from then promised 4.6 s for
   * 2.5 s left on the small account; the quickest page is what the wire itself takes.
   */
  pageFetched(ms: number): void {
    this.fastestPageMs = Math.min(this.fastestPageMs ?? ms, ms);
  }

  /**
   * The round trips the queued pages still need at the lane's concurrency, at the quickest page
   * so far (shared/sync/latency-floor.ts). 0 before any page.
   */
  private latencyFloorMs(queued: number): number {
    return latencyFloorMs(queued, this.ctx.settings.sync.maxInFlightRequests, this.fastestPageMs);
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
  private rateFloorMs(queued: number): number {
    const cost = this.pageCost;
    if (cost === null) return 0;
    // The wait of the next page itself is left out: while a request waits for its window, the
    // runner adds that wait on top of the figure (runner.ts `mergeProgress`).
    return Math.max(0, this.ctx.waitToSendMs(cost.bucket, queued * cost.weight) - this.ctx.waitToSendMs(cost.bucket, cost.weight));
  }
}
