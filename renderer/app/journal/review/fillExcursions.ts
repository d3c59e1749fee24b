import type { Account } from '../../../../shared/domain/types';
import type { Position } from '../../../../shared/journal/types';
import type { AppApi } from '../../../../preload/api';
import { excursionMatches, excursionsFor } from '../../../db/review-queries';
import type { JournalDb } from '../../../db/schema';
import { loadCandles } from './loadCandles';
import type { CandleWriter } from './loadCandles';

/**
 * MAE/MFE for closed positions that have none yet (or a stale one), one position after another:
 * each takes its candles from the cache or the exchange (main sends kline requests one at a time
 * within market data's share of the limiter, so a long list never crowds out a sync). Stops at the
 * first error (offline, budget busy) and when `signal` aborts; returns how many were computed.
 */
export async function fillExcursions(
  db: JournalDb, writer: CandleWriter, api: AppApi, accountOf: (id: string) => Account | undefined, positions: readonly Position[],
  onProgress: (done: number, total: number) => void, signal: AbortSignal,
): Promise<number> {
  const closed = positions.filter((p) => p.closedAt !== null);
  const stored = await excursionsFor(db, closed.map((p) => p.id));
  const todo = closed.filter((p) => !excursionMatches(stored.get(p.id), p));
  let done = 0;
  onProgress(done, todo.length);
  for (const p of todo) {
    if (signal.aborted) break;
    const account = accountOf(p.accountId);
    if (account === undefined) continue;
    const load = await loadCandles(db, writer, api, account, p);
    await load.complete;
    done++;
    onProgress(done, todo.length);
  }
  return done;
}
