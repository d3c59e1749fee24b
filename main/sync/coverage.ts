import type { Account, Job } from '../../shared/domain/types';
import type { AccountsPort, SyncRowsPort } from '../../shared/store/port';
import { kindStreams, kindsOfMode, planCoverage } from '../../shared/sync/kinds';
import type { Clock } from './clock';
import type { Logger } from './logger';

/**
 * Before an attempt writes a checkpoint: what its kinds' checkpoints stand for (shared/sync/kinds.ts
 * `planCoverage`). A run from a date marks the incomplete kinds it covers; a run from the history
 * start deletes the marked kinds' checkpoints (their streams restart from the history start) and
 * clears the marks. Checkpoints go before the account is saved: a crash in between only repeats
 * the restart. Returns the account as saved.
 */
export async function settleCoverage(
  deps: { store: SyncRowsPort & AccountsPort; clock: Clock; logger: Logger }, job: Job, account: Account,
): Promise<Account> {
  const plan = planCoverage(account.kinds, kindsOfMode(job.mode, account.marketTypes, account.exchange), job, account.historyStart);
  if (plan === null) return account;
  if (plan.restart.length > 0) {
    const deleted = await deps.store.resetCheckpoints(account.id, plan.restart.flatMap(kindStreams));
    deps.logger.info('restarting kinds a dated run left partial', { accountId: account.id, kinds: plan.restart.map((k) => k.key), checkpoints: deleted });
  }
  const next: Account = { ...account, kinds: plan.kinds, updatedAt: deps.clock.now() };
  await deps.store.putAccount(next);
  return next;
}
