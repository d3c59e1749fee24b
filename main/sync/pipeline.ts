import { checkpointHasRows } from '../../shared/sync/plan';
import type { Checkpoint, MarketType } from '../../shared/domain/types';
import { changedBalances, planResync } from '../../shared/sync/resync-select';
import { kindsOfMode, type StageMode } from '../../shared/sync/kinds';
import { assertNever } from '../../shared/never';
import type { MarketInfo } from '../exchange/adapter';
import type { AttemptContext } from './context';
import { indexMarkets } from './normalizers';
import { withPageRetry } from './pageRetry';
import { syncBalances, syncIncome, syncMovements, syncWalletFlows, type StreamSeen } from './streams';
import { syncTrades, type SymbolRef } from './trades';

/**
 * One attempt of one job, stage by stage. `full` runs balances, movements and income first
 * because what they show (held currencies, futures symbols with income) feeds symbol discovery.
 */
export async function runPipeline(ctx: AttemptContext): Promise<void> {
  const marketTypes = ctx.account.marketTypes.filter((m) => ctx.adapter.marketTypes.includes(m));
  const seen: StreamSeen = { symbols: new Set(), currencies: new Set(), symbolLastAt: new Map(), currencyLastAt: new Map() };
  const mode = ctx.job.mode;
  const stage = (name: StageMode, run: () => Promise<unknown>): Promise<void> => runStage(ctx, name, marketTypes, run);
  switch (mode) {
    case 'trades':
      await stage('trades', () => tradesStage(ctx, marketTypes, seen));
      break;
    case 'movements':
      await stage('movements', () => syncMovementsAndWallet(ctx, seen));
      break;
    case 'income':
      await loadMarkets(ctx, marketTypes);
      await stage('income', () => syncIncome(ctx, marketTypes, seen));
      break;
    case 'balances':
      await stage('balances', () => syncBalances(ctx, marketTypes));
      break;
    case 'full':
      await stage('balances', () => syncBalances(ctx, marketTypes));
      await stage('movements', () => syncMovementsAndWallet(ctx, seen));
      await loadMarkets(ctx, marketTypes);
      await stage('income', () => syncIncome(ctx, marketTypes, seen));
      await stage('trades', () => tradesStage(ctx, marketTypes, seen));
      break;
    default:
      assertNever(mode, 'job mode');
  }
  ctx.progress({ phase: 'finishing', currentSymbols: [] });
}

/**
 * Runs one stage and records its kinds as completed when it ran to its end: not stopped, and no
 * stream of it left at its page budget (its continuation job completes it later).
 */
/** The movements kind covers every wallet flow: deposits and withdrawals, then converts, dust, rewards and transfers. */
async function syncMovementsAndWallet(ctx: AttemptContext, seen: StreamSeen): Promise<void> {
  await syncMovements(ctx, seen);
  await syncWalletFlows(ctx, seen);
}

async function runStage(ctx: AttemptContext, name: StageMode, marketTypes: readonly MarketType[], run: () => Promise<unknown>): Promise<void> {
  const budgetHitBefore = ctx.budgetHit;
  ctx.budgetHit = false;
  try {
    await run();
    if (!ctx.signal.aborted && !ctx.budgetHit) for (const kind of kindsOfMode(name, marketTypes, ctx.account.exchange)) ctx.completed.add(kind.key);
  } finally {
    ctx.budgetHit ||= budgetHitBefore;
  }
}

async function tradesStage(ctx: AttemptContext, marketTypes: readonly MarketType[], seen: StreamSeen): Promise<void> {
  if (ctx.signal.aborted) return;
  const markets = await loadMarkets(ctx, marketTypes);
  if (ctx.signal.aborted) return;
  ctx.progress({ phase: 'discovering' });
  const previous = await ctx.store.getCheckpoints(ctx.account.id, 'trades');
  const symbols: SymbolRef[] = [];
  for (const marketType of marketTypes) {
    if (ctx.signal.aborted) return;
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
  await syncTrades(ctx, symbols);
  if (ctx.signal.aborted) return;
  const at = ctx.clock.now();
  // Kept by the runner only when this stage completed its kind.
  for (const marketType of marketTypes) {
    ctx.tradeMarks[marketType] = { at: Math.max(at, startedAt), balances: marketType === 'spot' ? ctx.spotBalances ?? {} : {} };
  }
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
