import { checkpointHasRows } from '../../shared/sync/plan';
import type { MarketType } from '../../shared/domain/types';
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
  switch (mode) {
    case 'trades':
      await tradesStage(ctx, marketTypes, seen);
      break;
    case 'movements':
      await syncMovements(ctx, seen);
      await syncWalletFlows(ctx, seen);
      break;
    case 'income':
      await loadMarkets(ctx, marketTypes);
      await syncIncome(ctx, marketTypes, seen);
      break;
    case 'balances':
      await syncBalances(ctx, marketTypes);
      break;
    case 'full':
      await syncBalances(ctx, marketTypes);
      await syncMovements(ctx, seen);
      await syncWalletFlows(ctx, seen);
      await loadMarkets(ctx, marketTypes);
      await syncIncome(ctx, marketTypes, seen);
      await tradesStage(ctx, marketTypes, seen);
      break;
    default:
      assertNever(mode, 'job mode');
  }
  ctx.progress({ phase: 'finishing', currentSymbols: [] });
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
      ? markets.filter((m) => m.marketType === 'spot' && m.active && seen.currencies.has(m.base)).map((m) => m.symbol)
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
