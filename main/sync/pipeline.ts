import { checkpointHasRows } from '../../shared/sync/plan';
import type { Checkpoint, MarketType } from '../../shared/domain/types';
import { changedBalances, planResync } from '../../shared/sync/resync-select';
import { kindsOfMode, type StageMode } from '../../shared/sync/kinds';
import { assertNever } from '../../shared/never';
import type { MarketInfo } from '../exchange/adapter';
import type { AttemptContext } from './context';
import { indexMarkets } from './normalizers';
import { withPageRetry } from './pageRetry';
import { syncBalances, syncIncome, syncMovementsAndWallet, type StreamSeen } from './streams';
import { syncTrades, type SymbolRef } from './trades';
import { ProgressLanes } from './progress-lanes';
import { fillsNamed } from './stage-eta';
import { spareUntradedLinear } from './linear-evidence';

/**
 * One attempt of one job. Stages that talk to different rate buckets run side by side in lanes
 * (docs/SYNC-STATUS.md, "Stages run side by side"); inside a lane, what a stage needs comes first:
 * - `full`: balances (both buckets' snapshots: spot balances and USD-M positions are evidence), then
 *   lane wallet (movements + converts/dust/rewards/transfers on `sapi`, then spot trades on `api`,
 *   which select by what the wallet streams showed) beside lane futures (income on `fapi`, then
 *   USD-M trades, which select by the symbols income names). A first sync in scope `all` selects
 *   spot without evidence, so there spot trades get a lane of their own.
 * - `trades`: spot and USD-M trades side by side.
 */
export async function runPipeline(ctx: AttemptContext): Promise<void> {
  const marketTypes = ctx.account.marketTypes.filter((m) => ctx.adapter.marketTypes.includes(m));
  const seen: StreamSeen = { symbols: new Set(), currencies: new Set(), symbolLastAt: new Map(), currencyLastAt: new Map(), incomeCovered: null };
  const mode = ctx.job.mode;
  const lanes = new ProgressLanes(ctx);
  const has = (m: MarketType): boolean => marketTypes.includes(m);
  const trades = (lane: AttemptContext, m: MarketType): Promise<void> =>
    runStage(lane, 'trades', [m], (s) => tradesStage(s, m, seen));
  const parallel = ctx.adapter.bucketPerMarketType === true;
  switch (mode) {
    case 'trades':
      // Loaded once before the lanes fork (each lane works on its own copy of the context).
      await loadMarkets(ctx, marketTypes);
      if (parallel) await inLanes(ctx, lanes, marketTypes.map((m) => (lane: AttemptContext) => trades(lane, m)));
      else for (const m of marketTypes) await trades(ctx, m);
      break;
    case 'movements':
      await runStage(ctx, 'movements', marketTypes, (s) => syncMovementsAndWallet(s, seen));
      break;
    case 'income':
      await loadMarkets(ctx, marketTypes);
      await runStage(ctx, 'income', marketTypes, (s) => syncIncome(s, marketTypes, seen));
      break;
    case 'balances':
      await runStage(ctx, 'balances', marketTypes, (s) => syncBalances(s, marketTypes));
      break;
    case 'full': {
      await runStage(ctx, 'balances', marketTypes, async (s) => {
        await syncBalances(s, marketTypes);
        ctx.spotBalances = s.spotBalances;
      });
      // The adapter needs the markets for every stream anyway; loaded once before the lanes fork.
      await loadMarkets(ctx, marketTypes);
      // Spot asks by wallet evidence only on a re-sync it can compare, or in scope `held`; a first
      // sync in scope `all` asks every listed market anyway, so spot trades need not wait for it.
      const spotWaitsForWallet = ctx.account.symbolScope === 'held' || (ctx.account.tradeSync?.spot !== undefined && ctx.job.since === null);
      const spot = async (lane: AttemptContext): Promise<void> => {
        if (has('spot')) await trades(lane, 'spot');
      };
      const wallet = async (lane: AttemptContext): Promise<void> => {
        await runStage(lane, 'movements', marketTypes, (s) => syncMovementsAndWallet(s, seen));
        if (spotWaitsForWallet) await spot(lane);
      };
      const futures = async (lane: AttemptContext): Promise<void> => {
        if (!has('linear')) return;
        await runStage(lane, 'income', marketTypes, (s) => syncIncome(s, marketTypes, seen));
        await trades(lane, 'linear');
      };
      if (parallel) {
        await inLanes(ctx, lanes, spotWaitsForWallet ? [wallet, futures] : [wallet, spot, futures]);
      } else {
        await runStage(ctx, 'movements', marketTypes, (s) => syncMovementsAndWallet(s, seen));
        await runStage(ctx, 'income', marketTypes, (s) => syncIncome(s, marketTypes, seen));
        for (const m of marketTypes) await trades(ctx, m);
      }
      break;
    }
    default:
      assertNever(mode, 'job mode');
  }
  ctx.progress({ phase: 'finishing', currentSymbols: [] });
}

/**
 * Runs lanes side by side, each with its own progress lane. When a lane fails, its siblings give
 * up: a page of theirs that fails is not retried and no new stage starts, but pages that succeed
 * go on, so a healthy stage still completes its kind (a USD-M outage does not cost the wallet
 * kinds) while a sibling failing too ends at once. The first failure is raised once every lane
 * settled, so nothing commits after the attempt is closed.
 */
async function inLanes(ctx: AttemptContext, lanes: ProgressLanes, runs: readonly ((lane: AttemptContext) => Promise<void>)[]): Promise<void> {
  const giveUp = new AbortController();
  let failure: { error: unknown } | null = null;
  await Promise.all(runs.map(async (run) => {
    const lane = lanes.open();
    const laneCtx: AttemptContext = { ...ctx, retry: { ...ctx.retry, giveUp: giveUp.signal }, progress: lane.progress, budgetHit: false };
    try {
      await run(laneCtx);
    } catch (error) {
      if (failure === null) {
        failure = { error };
        giveUp.abort();
      }
    } finally {
      lane.close();
      if (laneCtx.budgetHit) ctx.budgetHit = true;
    }
  }));
  // (A cast: TypeScript does not see the assignment inside the callbacks.)
  const failed = failure as { error: unknown } | null;
  if (failed !== null) throw failed.error;
}

/**
 * Runs one stage and records its kinds as completed when it ran to its end: not stopped, and no
 * stream of it left at its page budget (its continuation job completes it later). Each stage
 * keeps its own budget flag, since stages of other lanes run at the same time.
 */
async function runStage(ctx: AttemptContext, name: StageMode, marketTypes: readonly MarketType[], run: (stage: AttemptContext) => Promise<unknown>): Promise<void> {
  // A lane beside this one failed: the attempt fails anyway, so no new stage starts.
  if (ctx.retry.giveUp?.aborted === true) return;
  const stage: AttemptContext = { ...ctx, budgetHit: false };
  try {
    await run(stage);
    if (!ctx.signal.aborted && !stage.budgetHit) for (const kind of kindsOfMode(name, marketTypes, ctx.account.exchange)) ctx.completed.add(kind.key);
  } finally {
    if (stage.budgetHit) ctx.budgetHit = true;
  }
}

async function tradesStage(ctx: AttemptContext, marketType: MarketType, seen: StreamSeen): Promise<void> {
  if (ctx.signal.aborted) return;
  const markets = await loadMarkets(ctx, ctx.account.marketTypes.filter((m) => ctx.adapter.marketTypes.includes(m)));
  if (ctx.signal.aborted) return;
  ctx.progress({ phase: 'discovering' });
  const previous = await ctx.store.getCheckpoints(ctx.account.id, 'trades');
  const symbols: SymbolRef[] = [];
  {
    // Symbols with stored history. A checkpoint without rows only records how far an empty
    // symbol was searched; it must not turn every scanned market into a 'held' hint forever.
    const known = previous.filter((c) => c.marketType === marketType && checkpointHasRows(c)).map((c) => c.symbol);
    const fromIncome = marketType === 'linear' ? [...seen.symbols] : [];
    const fromMovements = marketType === 'spot'
      // Delisted markets too: a deposit of their base is evidence their history may hold fills.
      ? markets.filter((m) => m.marketType === 'spot' && seen.currencies.has(m.base)).map((m) => m.symbol)
      : [];
    const hints = unique([...known, ...fromIncome, ...fromMovements]);
    const discovered = await withPageRetry(`discover ${marketType}`, () => ctx.adapter.discoverSymbols({ marketType, scope: ctx.account.symbolScope, hints }), ctx.retry);
    // Previously synced symbols always stay in (a delisted market still has history to keep current).
    const candidates = unique([...discovered, ...known]).sort();
    for (const symbol of selectToAsk(ctx, marketType, candidates, markets, previous, seen)) symbols.push({ marketType, symbol });
  }
  const startedAt = ctx.clock.now();
  const spared = marketType === 'linear' ? await spareUntradedLinear(ctx, symbols, previous, seen) : new Set<string>();
  const evidenced = evidenceOfHistory(ctx, markets, previous, seen);
  const kept = symbols.filter((s) => !spared.has(s.symbol));
  const asked = [...kept.filter(evidenced), ...kept.filter((s) => !evidenced(s))];
  // ETA hooks (main/sync/stage-eta.ts): the groups the order made, and for the USD-M fills stage the fills income named.
  const fillsExpected = marketType === 'linear' && seen.fillsNamed !== undefined ? fillsNamed(seen, asked) : undefined;
  await syncTrades(ctx, asked, fillsExpected === undefined ? { evidenced } : { evidenced, fillsExpected });
  if (ctx.signal.aborted) return;
  const at = ctx.clock.now();
  // Kept by the runner only when this stage completed its kind.
  ctx.tradeMarks[marketType] = { at: Math.max(at, startedAt), balances: marketType === 'spot' ? ctx.spotBalances ?? {} : {} };
}

/**
 * The candidates a trades stage asks. A `full` sync after a complete one asks only the symbols
 * that can have changed plus a rotating slice (shared/sync/resync-select.ts); any other mode, or
 * a full sync without a balances snapshot to compare, asks every candidate.
 */
function selectToAsk(
  ctx: AttemptContext, marketType: MarketType, candidates: readonly string[], markets: readonly MarketInfo[],
  previous: readonly Checkpoint[], seen: StreamSeen,
): string[] {
  const mark = ctx.account.tradeSync?.[marketType];
  const comparable = ctx.job.mode === 'full' && ctx.job.since === null && mark !== undefined && (marketType !== 'spot' || ctx.spotBalances !== null);
  if (!comparable) return [...candidates];
  const bySymbol = new Map(markets.filter((m) => m.marketType === marketType).map((m) => [m.symbol, m]));
  const checkpoints = new Map(previous.filter((c) => c.marketType === marketType).map((c) => [c.symbol, c]));
  // Rows of the streams' overlap re-read on every sync are not news: only rows from around the
  // last complete trades sync on count (a late row within the overlap is news).
  const since = mark.at - ctx.settings.sync.overlapMinutes * 60_000;
  const recent = (map: ReadonlyMap<string, number>): Set<string> => new Set([...map].filter(([, at]) => at >= since).map(([k]) => k));
  const changedAssets = marketType === 'spot' ? changedBalances(mark.balances, ctx.spotBalances ?? {}) : new Set<string>();
  if (marketType === 'spot') for (const c of recent(seen.currencyLastAt)) changedAssets.add(c);
  const plan = planResync({
    candidates: candidates.map((symbol) => {
      const cp = checkpoints.get(symbol);
      const m = bySymbol.get(symbol);
      return { symbol, base: m?.base ?? '', quote: m?.quote ?? '', verifiedAt: cp?.updatedAt ?? null, hasRows: cp !== undefined && checkpointHasRows(cp) };
    }),
    lastCompleteAt: mark.at,
    changedAssets,
    // USD-M: the income stream names the symbol of every fill (commission, realized P&L).
    evidenced: marketType === 'linear' ? recent(seen.symbolLastAt) : new Set<string>(),
    now: ctx.clock.now(),
    periodMs: ctx.settings.sync.verifyPeriodHours * 3_600_000,
  });
  ctx.logger.info('trades re-sync plan', { marketType, asked: plan.ask.length, skipped: plan.skipped });
  return plan.ask.map((a) => a.symbol).sort();
}

/**
 * Whether there is evidence that a symbol has history: stored rows, a held base asset, a base the
 * wallet streams moved, a symbol income named. Those are asked first, then the rest, each part in
 * its sorted order. Only a symbol's first page can go out at once; each later page waits
 * for the commit of the one before (invariant 3). A symbol with history asked last leaves that
 * chain of commits and pages after every other symbol is done (on the small account 8 such symbols
 * at the end of the alphabet held the wire half idle for 0.5 s); asked first, the chains run while
 * the rest are scanned (docs/SYNC-STATUS.md, "Which symbols go first").
 */
function evidenceOfHistory(
  ctx: AttemptContext, markets: readonly MarketInfo[], previous: readonly Checkpoint[], seen: StreamSeen,
): (s: SymbolRef) => boolean {
  const baseOf = new Map(markets.map((m) => [`${m.marketType}:${m.symbol}`, m.base]));
  const withRows = new Set(previous.filter(checkpointHasRows).map((c) => `${c.marketType}:${c.symbol}`));
  const held = { ...ctx.spotBalances };
  // As known now: the wallet lane keeps adding to `seen` while this stage runs, and the order and
  // the ETA's groups must be the same split.
  const named = new Set(seen.symbols);
  const moved = new Set(seen.currencies);
  return (s: SymbolRef): boolean => {
    const key = `${s.marketType}:${s.symbol}`;
    if (withRows.has(key)) return true;
    if (s.marketType === 'linear') return named.has(s.symbol);
    const base = baseOf.get(key);
    return base !== undefined && ((held[base] ?? 0) > 0 || moved.has(base));
  };
}

/** Loads the listed markets once per attempt (trades and income validate symbols against them). */
async function loadMarkets(ctx: AttemptContext, marketTypes: readonly MarketType[]): Promise<MarketInfo[]> {
  if (ctx.loadedMarkets !== null) return ctx.loadedMarkets;
  ctx.progress({ phase: 'markets', currentSymbols: [] });
  const markets = await withPageRetry('markets', () => ctx.adapter.loadMarkets(), ctx.retry);
  for (const marketType of marketTypes) ctx.markets.set(marketType, indexMarkets(markets, marketType));
  ctx.loadedMarkets = markets;
  return markets;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
