import { checkpointKey } from '../../shared/domain/keys';
import type { Checkpoint } from '../../shared/domain/types';
import { linearSymbolsWithoutFills } from '../../shared/sync/linear-evidence';
import { SETTLE_OVERLAP_MS } from '../exchange/window-cursor';
import type { AttemptContext } from './context';
import { withPageRetry } from './pageRetry';
import type { StreamSeen } from './streams';
import type { SymbolRef } from './trades';

/**
 * USD-M symbols never asked whose income this attempt read in full proves untraded
 * (shared/sync/linear-evidence.ts) get no trade search: a checkpoint without rows records "searched
 * up to when income was read, nothing found", so later syncs (the rotating slice among them) go on
 * from there with one request. Returns the symbols spared.
 */
export async function spareUntradedLinear(ctx: AttemptContext, asked: readonly SymbolRef[], previous: readonly Checkpoint[], seen: StreamSeen): Promise<Set<string>> {
  const covered = seen.incomeCovered;
  if (covered === null) return new Set();
  const known = new Set(previous.filter((c) => c.marketType === 'linear').map((c) => c.symbol));
  const unasked = asked.filter((s) => s.marketType === 'linear' && !known.has(s.symbol)).map((s) => s.symbol);
  // A fresh search starts at the job's date, else the account's history start (none: all history,
  // which income's 3 months never cover).
  const searchStart = ctx.job.since ?? ctx.account.historyStart ?? 0;
  if (unasked.length === 0 || covered.from > searchStart) return new Set();
  // Open positions are evidence too (an opening fill without a fee books no income row).
  const openPositions = new Set(await withPageRetry('positions linear', () => ctx.adapter.discoverSymbols({ marketType: 'linear', scope: 'held', hints: [] }), ctx.retry));
  const spared = linearSymbolsWithoutFills({ unasked, incomeSymbols: seen.symbols, openPositions, incomeCoveredFrom: covered.from, searchStart });
  if (spared.length === 0 || ctx.signal.aborted) return new Set();
  const now = ctx.clock.now();
  await ctx.writer.commit({
    checkpoints: spared.map((symbol) => ({
      key: checkpointKey(ctx.account.id, 'trades', 'linear', symbol), accountId: ctx.account.id, stream: 'trades', marketType: 'linear', symbol,
      // Income was read up to when it started; a later search resumes there, settled back as a
      // finished window's cursor is (window-cursor.ts `afterWindow`): a fill stamped just before
      // may only show later, and a search a moment later writes now less the settle, which must
      // not lie before this (a checkpoint never moves back).
      cursor: { kind: 'window', windowStart: covered.at - SETTLE_OVERLAP_MS, pageCursor: null }, lastTimestamp: null, rowCount: 0, updatedAt: now,
    })),
    fetched: 0, pages: 0,
  });
  ctx.logger.info('USD-M symbols spared by income evidence', { spared: spared.length, of: unasked.length });
  return new Set(spared);
}
