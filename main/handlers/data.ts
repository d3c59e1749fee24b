import { AppError } from '../../shared/errors';
import type { Job, JobStatus } from '../../shared/domain/types';
import type { AccountDataPort, AccountsPort, JobsPort, PurgeCategory, PurgeResult } from '../../shared/store/port';
import type { HandlerContext } from '../core/context';
import type { SyncEnginePort } from '../core/ports';
import type { Handlers } from '../core/router';

type DataContext = HandlerContext<Pick<JobsPort, 'listJobs'> & Pick<AccountsPort, 'getAccount'> & Pick<AccountDataPort, 'purgeCategory'>, 'link' | 'logger'>;

const ACTIVE: JobStatus[] = ['QUEUED', 'RUNNING', 'RETRY_SCHEDULED'];
/** Purges repeated because a scheduled job started in between; more means the scheduler keeps restarting it. */
const MAX_PURGE_ROUNDS = 3;

async function activeJobs(ctx: DataContext, accountId: string): Promise<Job[]> {
  return ctx.store.listJobs({ accountId, statuses: ACTIVE });
}

/**
 * Purge and re-fetch runs here, next to the engine whose job set it must not race (a batch in
 * flight would otherwise land in the emptied table, or its cursor would skip what was deleted):
 * stop the account's jobs (a running one commits its batch in flight and ends), purge in one store
 * transaction (rows, the stream's checkpoints, the kinds' completion: docs/SYNC-STATUS.md), and
 * only then queue the re-fetch. A scheduled job that started between the stop and the purge is
 * stopped and the purge repeated, so no cursor older than the purge survives it.
 */
async function stopThenPurge(ctx: DataContext, engine: SyncEnginePort, accountId: string, category: PurgeCategory): Promise<PurgeResult> {
  const total: PurgeResult = { rows: 0, checkpoints: 0 };
  for (let round = 1; ; round++) {
    for (const job of await activeJobs(ctx, accountId)) await engine.cancel(job.id);
    const result = await ctx.store.purgeCategory(accountId, category);
    total.rows += result.rows;
    total.checkpoints += result.checkpoints;
    if ((await activeJobs(ctx, accountId)).length === 0) return total;
    if (round >= MAX_PURGE_ROUNDS) throw new AppError('CONFLICT', 'A sync of this account kept starting during the purge. Pause the account and try again.');
  }
}

export function dataHandlers(ctx: DataContext, engine: SyncEnginePort): Pick<Handlers, 'data.purgeAndRefetch'> {
  return {
    'data.purgeAndRefetch': async ({ accountId, category, since }) => {
      if ((await ctx.store.getAccount(accountId)) === null) throw new AppError('NOT_FOUND', 'That account does not exist (it may have been removed).');
      const purged = await stopThenPurge(ctx, engine, accountId, category);
      // The purge marked the category's kinds not imported: the card says so until the re-fetch completes.
      const account = await ctx.store.getAccount(accountId);
      if (account !== null) ctx.link.emit('account.changed', { accountId, account });
      engine.accountChanged(accountId);
      const { jobId } = await engine.request({ accountId, mode: category, since, force: true, requestedBy: 'manual' });
      ctx.logger.info('purged one category and queued its re-fetch', { accountId, category, rows: purged.rows, jobId });
      return { ...purged, jobId };
    },
  };
}
