import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Account, Job } from '../../shared/domain/types';
import { owedSync } from '../../shared/sync/kinds';
import type { AccountDraft } from '../../shared/ipc/contract';
import type { Handlers } from '../core/router';
import type { AccountDataPort, AccountsPort, JobsPort } from '../../shared/store/port';
import type { HandlerContext } from '../core/context';
import type { ConnectionTester, DemoExchangePort, SyncEnginePort } from '../core/ports';
import { credentialRefFor } from '../secrets/credentialStore';
import { baseUrlWarning } from './baseUrlPolicy';

type AccountsContext = HandlerContext<Pick<AccountsPort, 'getAccount' | 'putAccount'> & Pick<JobsPort, 'listJobs'> & Pick<AccountDataPort, 'deleteAccount'>, 'link' | 'logger' | 'clock' | 'redactor' | 'credentials'>;

export interface AccountDeps {
  engine: SyncEnginePort;
  tester: ConnectionTester;
  demo: DemoExchangePort;
}

type AccountChannels = 'accounts.add' | 'accounts.createDemo' | 'accounts.update' | 'accounts.updateKeys' | 'accounts.testConnection' | 'accounts.remove' | 'accounts.setPaused';

async function requireAccount(ctx: AccountsContext, accountId: string): Promise<Account> {
  const account = await ctx.store.getAccount(accountId);
  if (account === null) throw new AppError('NOT_FOUND', 'That account does not exist (it may have been removed).');
  return account;
}

/**
 * Keys go to the keychain first and the account row second; if the row cannot be written the
 * keychain entry is removed again, so nothing is ever stored half-way.
 */
export function accountHandlers(ctx: AccountsContext, deps: AccountDeps): Pick<Handlers, AccountChannels> {
  const save = async (account: Account): Promise<Account> => {
    await ctx.store.putAccount(account);
    ctx.link.emit('account.changed', { accountId: account.id, account });
    deps.engine.accountChanged(account.id);
    return account;
  };

  /**
   * Keys that pass the check end a "needs new keys" stop: the sync it owes starts by itself (the
   * failed job's own mode, or the whole scope while any kind was never imported).
   */
  const resumeOwed = async (account: Account): Promise<void> => {
    const failed = (await ctx.store.listJobs({ accountId: account.id, statuses: ['FAILED'] }))
      .reduce<Job | null>((latest, job) => (latest === null || job.requestedAt > latest.requestedAt ? job : latest), null);
    const owed = owedSync(account, failed);
    try {
      await deps.engine.request({ accountId: account.id, mode: owed.mode, since: owed.since, force: false, requestedBy: 'manual' });
    } catch (error) {
      // The keys are saved either way; a sync refused now (cooldown, shutdown) is the scheduler's next run.
      ctx.logger.warn('the sync owed after new keys was not queued', { accountId: account.id, code: error instanceof AppError ? error.code : 'unknown' });
    }
  };

  const create = async (draft: AccountDraft, baseUrl: string | null, credentials: { apiKey: string; secret: string } | null): Promise<Account> => {
    const now = ctx.clock();
    const id = randomUUID();
    const account: Account = {
      id,
      exchange: draft.exchange,
      label: draft.label,
      marketTypes: [...new Set(draft.marketTypes)],
      testnet: draft.testnet,
      baseUrl,
      historyStart: draft.historyStart,
      symbolScope: draft.symbolScope,
      credentialRef: credentials === null ? null : credentialRefFor(id),
      status: 'active',
      scheduleMinutes: draft.scheduleMinutes,
      createdAt: now,
      updatedAt: now,
      lastAttemptAt: null,
      lastSuccessAt: null,
    };
    if (credentials !== null && account.credentialRef !== null) {
      ctx.redactor.addSecret(credentials.apiKey);
      ctx.redactor.addSecret(credentials.secret);
      await ctx.credentials.save(account.credentialRef, credentials);
    }
    try {
      return await save(account);
    } catch (error) {
      if (account.credentialRef !== null) await ctx.credentials.remove(account.credentialRef).catch(() => undefined);
      throw error;
    }
  };

  return {
    'accounts.add': async (draft) => {
      if (draft.exchange === 'demo') throw new AppError('INVALID_INPUT', 'Use "Try the demo exchange" to add a demo account.');
      if (draft.apiKey === undefined || draft.secret === undefined) {
        throw new AppError('INVALID_INPUT', 'An API key and its secret are required.', { issues: [{ path: draft.apiKey === undefined ? 'apiKey' : 'secret', message: 'is required' }] });
      }
      if (draft.testnet && draft.baseUrl !== null) throw new AppError('INVALID_INPUT', 'Choose either the testnet or a custom API base URL, not both.');
      const warning = draft.baseUrl === null ? null : baseUrlWarning(draft.baseUrl);
      const account = await create(draft, draft.baseUrl, { apiKey: draft.apiKey, secret: draft.secret });
      if (warning !== null) ctx.link.emit('notice', { level: 'warning', message: warning, accountId: account.id });
      return account;
    },

    'accounts.createDemo': async () => {
      // The demo needs no keychain entry and no stored address: its simulator is started (on a
      // fresh port, with the same seeded history) whenever a demo account syncs.
      await deps.demo.ensureStarted();
      const account = await create(
        // Scope 'all': the demo lists only a few markets, and 'held' would miss a symbol traded back to zero.
        { exchange: 'demo', label: 'Demo exchange', marketTypes: ['spot', 'linear'], testnet: false, baseUrl: null, historyStart: null, symbolScope: 'all', scheduleMinutes: 60 },
        null,
        null,
      );
      await deps.engine.request({ accountId: account.id, mode: 'full', since: null, force: false, requestedBy: 'manual' });
      return account;
    },

    'accounts.update': async ({ accountId, patch }) => {
      const account = await requireAccount(ctx, accountId);
      if (patch.baseUrl !== undefined && account.exchange === 'demo') throw new AppError('INVALID_INPUT', 'The demo exchange address cannot be changed.');
      const next: Account = { ...account, ...patch, updatedAt: ctx.clock() };
      if (patch.marketTypes !== undefined) next.marketTypes = [...new Set(patch.marketTypes)];
      return save(next);
    },

    'accounts.updateKeys': async ({ accountId, apiKey, secret }) => {
      const account = await requireAccount(ctx, accountId);
      if (account.exchange === 'demo') throw new AppError('INVALID_INPUT', 'The demo exchange needs no keys.');
      // New keys must work before they replace the old ones: a typo must not break a working account.
      ctx.redactor.addSecret(apiKey);
      ctx.redactor.addSecret(secret);
      const permissions = await deps.tester.test(account, { apiKey, secret });
      if (!permissions.canRead) throw new AppError('EXCHANGE_PERMISSION', 'This key cannot read account history. Enable read permission for it on the exchange.');
      const ref = account.credentialRef ?? credentialRefFor(account.id);
      await ctx.credentials.save(ref, { apiKey, secret });
      const saved = await save({ ...account, credentialRef: ref, status: account.status === 'needs_credentials' ? 'active' : account.status, updatedAt: ctx.clock() });
      if (permissions.warning !== undefined) ctx.link.emit('notice', { level: 'warning', message: `${saved.label}: ${permissions.warning}`, accountId: saved.id });
      if (account.status === 'needs_credentials') await resumeOwed(saved);
      return saved;
    },

    'accounts.testConnection': async ({ accountId }) => {
      const account = await requireAccount(ctx, accountId);
      const credentials = account.credentialRef === null ? null : await ctx.credentials.load(account.credentialRef);
      if (account.credentialRef !== null && credentials === null) {
        await save({ ...account, status: 'needs_credentials', updatedAt: ctx.clock() });
        throw new AppError('EXCHANGE_AUTH', 'The API key for this account is missing from the keychain. Enter it again.');
      }
      if (credentials !== null) {
        ctx.redactor.addSecret(credentials.apiKey);
        ctx.redactor.addSecret(credentials.secret);
      }
      const permissions = await deps.tester.test(account, credentials);
      if (account.status === 'needs_credentials' && permissions.canRead) {
        await resumeOwed(await save({ ...account, status: 'active', updatedAt: ctx.clock() }));
      }
      return permissions;
    },

    'accounts.remove': async ({ accountId }) => {
      const account = await requireAccount(ctx, accountId);
      const running = deps.engine.status().runningJobIds;
      const jobs = await ctx.store.listJobs({ accountId, statuses: ['QUEUED', 'RUNNING', 'RETRY_SCHEDULED'] });
      for (const job of jobs) await deps.engine.cancel(job.id);
      if (jobs.some((job) => running.includes(job.id))) ctx.logger.info('removing an account with a running job; it was cancelled first', { accountId });
      await ctx.store.deleteAccount(accountId);
      if (account.credentialRef !== null) await ctx.credentials.remove(account.credentialRef);
      ctx.link.emit('account.changed', { accountId, account: null });
      deps.engine.accountChanged(accountId);
      return { removed: true };
    },

    'accounts.setPaused': async ({ accountId, paused }) => {
      const account = await requireAccount(ctx, accountId);
      if (account.status === 'needs_credentials' && !paused) {
        throw new AppError('EXCHANGE_AUTH', 'This account needs new API keys before it can sync again.');
      }
      return save({ ...account, status: paused ? 'paused' : 'active', updatedAt: ctx.clock() });
    },
  };
}
