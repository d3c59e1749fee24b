import { checkpointHasRows } from '../../shared/sync/plan';
import type { MarketType } from '../../shared/domain/types';
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
  const seen: StreamSeen = { symbols: new Set(), currencies: new Set() };
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
    for (const symbol of unique([...discovered, ...known]).sort()) symbols.push({ marketType, symbol });
  }
  await syncTrades(ctx, symbols);
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
