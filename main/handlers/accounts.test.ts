import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { RequestSchemas } from '../../shared/ipc/contract';
import type { RequestInput } from '../../shared/ipc/contract';
import type { EngineStatus, KeyPermissions } from '../../shared/domain/engine';
import type { StorePort } from '../../shared/store/port';
import { DexieStore } from '../../renderer/db/dexie-store';
import { JournalDb } from '../../renderer/db/schema';
import type { CoreContext } from '../core/context';
import type { ConnectionTester, SyncEnginePort } from '../core/ports';
import { SettingsService } from '../core/settingsService';
import { createLogger } from '../log/logger';
import { Redactor } from '../log/redact';
import type { CredentialStore } from '../secrets/credentialStore';
import { keychainInstallHint } from '../secrets/keychainHelp';
import { createKeytarStore } from '../secrets/keytarStore';
import { MemoryCredentialStore } from '../secrets/memoryStore';
import { accountHandlers } from './accounts';
import { recordingLink } from '../../testing/core/recordingLink';

const KEY = 'AKtestKEY0123456789abcdef';
const SECRET = 'SKtestSECRET0123456789abcdef';

const READ_ONLY: KeyPermissions = { canRead: true, canTrade: false, canWithdraw: false, ipRestricted: true, marketTypes: ['spot'], checkedAt: 1 };

function setup(options: { store?: StorePort; permissions?: KeyPermissions | AppError; keychain?: CredentialStore } = {}) {
  const db = new JournalDb(`accounts-test-${randomUUID()}`);
  const store = options.store ?? new DexieStore(db);
  const credentials = new MemoryCredentialStore();
  const { link, events } = recordingLink();
  const logger = createLogger({ level: 'error', redactor: new Redactor(), sinks: [] });
  const ctx: CoreContext = {
    host: 'browser', version: 'test', platform: 'linux', link, store, credentials: options.keychain ?? credentials,
    settings: new SettingsService(store, logger), logger, redactor: new Redactor(), clock: () => 1_700_000_000_000,
  };
  const requested: string[] = [];
  const engine: SyncEnginePort = {
    request: async (input) => {
      requested.push(`${input.accountId}:${input.mode}`);
      return { jobId: 'job-1', deduped: false };
    },
    requestAll: async () => [],
    cancel: async () => true,
    status: (): EngineStatus => ({ backgroundPaused: false, online: true, shuttingDown: false, runningJobIds: [], breakers: [], limiters: [] }),
    setBackgroundPaused: () => undefined,
    resetBreaker: () => undefined,
    accountChanged: () => undefined,
  };
  const tester: ConnectionTester = {
    test: async () => {
      const p = options.permissions ?? READ_ONLY;
      if (p instanceof AppError) throw p;
      return p;
    },
  };
  const handlers = accountHandlers(ctx, { engine, tester, demo: { ensureStarted: async () => ({ baseUrl: 'http://127.0.0.1:1', credentials: { apiKey: 'demo-key-0000', secret: 'demo-secret-0000' } }) } });
  const draft = (input: Partial<RequestInput<'accounts.add'>> = {}) =>
    RequestSchemas['accounts.add'].parse({ exchange: 'binance', label: 'Main', marketTypes: ['spot', 'linear'], apiKey: KEY, secret: SECRET, ...input });
  return { db, store, credentials, events, handlers, draft, requested };
}

/** Every value stored anywhere in the journal database, as text. */
async function dumpDb(db: JournalDb): Promise<string> {
  const tables = await Promise.all(db.tables.map((t) => t.toArray()));
  return JSON.stringify(tables);
}

describe('accounts', () => {
  it('adds an account: keys in the keychain only, the account row with a reference only', async () => {
    const { db, credentials, handlers, draft, events } = setup();
    const account = await handlers['accounts.add'](draft());
    expect(account.credentialRef).toBe(`account:${account.id}`);
    expect(await credentials.load(`account:${account.id}`)).toEqual({ apiKey: KEY, secret: SECRET });
    const dump = await dumpDb(db);
    expect(dump).toContain(account.id);
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain(SECRET);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(JSON.stringify(account)).not.toContain(KEY);
  });

  it('stores nothing when the keychain is unavailable', async () => {
    const { db, credentials, handlers, draft } = setup();
    credentials.available = false;
    await expect(handlers['accounts.add'](draft())).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await db.accounts.count()).toBe(0);
  });

  it('without the keychain module installed: the demo works, a real key is refused with what to install, nothing is stored', async () => {
    let loads = 0;
    const keychain = createKeytarStore('Tradelog-test', async () => {
      loads += 1;
      throw new Error("Cannot find module 'keytar'");
    });
    const { db, handlers, draft, requested } = setup({ keychain });
    const demo = await handlers['accounts.createDemo']({});
    expect(requested).toEqual([`${demo.id}:full`]);
    expect(loads).toBe(0);

    const error = await handlers['accounts.add'](draft()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect((error as AppError).message).toMatch(/keychain module is not installed/);
    expect((error as AppError).message).toContain(keychainInstallHint(process.platform));
    expect(loads).toBe(1);
    expect((await db.accounts.toArray()).map((a) => a.id)).toEqual([demo.id]);
    expect(await dumpDb(db)).not.toContain(SECRET);
  });

  it('removes the keychain entry again when the account row cannot be written', async () => {
    const failing = new DexieStore(new JournalDb(`accounts-fail-${randomUUID()}`));
    failing.putAccount = () => Promise.reject(new AppError('STORE_FAILED', 'disk full'));
    const { credentials, handlers, draft } = setup({ store: failing });
    await expect(handlers['accounts.add'](draft())).rejects.toMatchObject({ code: 'STORE_FAILED' });
    expect(credentials.entries.size).toBe(0);
  });

  it('requires keys for real exchanges and refuses testnet plus a custom URL', async () => {
    const { handlers, draft } = setup();
    await expect(handlers['accounts.add'](draft({ apiKey: undefined }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(handlers['accounts.add'](draft({ testnet: true, baseUrl: 'https://example.com' }))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('warns when a custom base URL is plain HTTP to a remote host', async () => {
    const { handlers, draft, events } = setup();
    await handlers['accounts.add'](draft({ baseUrl: 'http://proxy.example.com' }));
    expect(events.some((e) => e.event === 'notice' && JSON.stringify(e.payload).includes('not HTTPS'))).toBe(true);
    await handlers['accounts.add'](draft({ baseUrl: 'http://127.0.0.1:9999' }));
    expect(events.filter((e) => e.event === 'notice')).toHaveLength(1);
  });

  it('creates the demo account without keychain entry or stored address, and starts its first sync', async () => {
    const { db, credentials, handlers, requested } = setup();
    const account = await handlers['accounts.createDemo']({});
    expect(account).toMatchObject({ exchange: 'demo', credentialRef: null, baseUrl: null, status: 'active' });
    expect(credentials.entries.size).toBe(0);
    expect(await db.accounts.get(account.id)).toEqual(account);
    expect(requested).toEqual([`${account.id}:full`]);
  });

  it('new keys replace old ones only after they pass the connection test, and clear needs_credentials', async () => {
    const { store, credentials, handlers, draft } = setup();
    const account = await handlers['accounts.add'](draft());
    await store.putAccount({ ...account, status: 'needs_credentials' });

    const refused = setup({ permissions: new AppError('EXCHANGE_AUTH', 'Invalid API key.') });
    const other = await refused.handlers['accounts.add'](refused.draft());
    await expect(refused.handlers['accounts.updateKeys']({ accountId: other.id, apiKey: 'NEWkey-0123456789', secret: 'NEWsecret-0123456789' }))
      .rejects.toMatchObject({ code: 'EXCHANGE_AUTH' });
    expect(await refused.credentials.load(`account:${other.id}`)).toEqual({ apiKey: KEY, secret: SECRET });

    const updated = await handlers['accounts.updateKeys']({ accountId: account.id, apiKey: 'NEWkey-0123456789', secret: 'NEWsecret-0123456789' });
    expect(updated.status).toBe('active');
    expect(await credentials.load(`account:${account.id}`)).toEqual({ apiKey: 'NEWkey-0123456789', secret: 'NEWsecret-0123456789' });
  });

  it('new keys that pass the check start the owed sync by themselves: the failed job\'s mode once complete, else everything', async () => {
    const { store, handlers, draft, requested } = setup();
    const account = await handlers['accounts.add'](draft());
    // Never completed: the whole scope is owed, whatever the failed job was.
    await store.putAccount({ ...account, status: 'needs_credentials' });
    await store.putJob({
      id: 'failed-1', accountId: account.id, mode: 'income', since: null, requestedBy: 'system', requestedAt: 5, status: 'FAILED', attempt: 1, maxAttempts: 3,
      nextRunAt: null, heartbeatAt: null, startedAt: 5, finishedAt: 6, progress: null, error: { code: 'EXCHANGE_AUTH', message: 'rejected' }, continuationOf: null,
    });
    await handlers['accounts.updateKeys']({ accountId: account.id, apiKey: 'NEWkey-0123456789', secret: 'NEWsecret-0123456789' });
    expect(requested).toEqual([`${account.id}:full`]);

    // Every kind complete, the income update failed on the key: income is what is owed.
    const done = { completedAt: 1, lastOk: true, lastRunAt: 1 };
    const kinds = { 'trades:spot': done, 'trades:linear': done, movements: done, 'income:linear': { ...done, lastOk: false }, 'balances:spot': done, 'balances:linear': done };
    await store.putAccount({ ...account, status: 'needs_credentials', kinds });
    await handlers['accounts.testConnection']({ accountId: account.id });
    expect(requested).toEqual([`${account.id}:full`, `${account.id}:income`]);
    expect((await store.getAccount(account.id))?.status).toBe('active');

    // An active account whose keys are merely replaced owes nothing new.
    await handlers['accounts.updateKeys']({ accountId: account.id, apiKey: 'NEWkey-0123456789', secret: 'NEWsecret-0123456789' });
    expect(requested).toHaveLength(2);
  });

  it('a key whose permissions are unknown is saved with a warning notice', async () => {
    const { store, handlers, draft, events } = setup({ permissions: { ...READ_ONLY, canTrade: null, canWithdraw: null, warning: 'The exchange did not say what this key may do.' } });
    const account = await handlers['accounts.add'](draft());
    await store.putAccount({ ...account, status: 'needs_credentials' });
    const updated = await handlers['accounts.updateKeys']({ accountId: account.id, apiKey: 'NEWkey-0123456789', secret: 'NEWsecret-0123456789' });
    expect(updated.status).toBe('active');
    expect(events.some((e) => e.event === 'notice' && JSON.stringify(e.payload).includes('did not say what this key may do'))).toBe(true);
  });

  it('a key missing from the keychain turns into needs_credentials with a clear message', async () => {
    const { store, credentials, handlers, draft } = setup();
    const account = await handlers['accounts.add'](draft());
    credentials.entries.clear();
    await expect(handlers['accounts.testConnection']({ accountId: account.id })).rejects.toMatchObject({ code: 'EXCHANGE_AUTH' });
    expect((await store.getAccount(account.id))?.status).toBe('needs_credentials');
    await expect(handlers['accounts.setPaused']({ accountId: account.id, paused: false })).rejects.toMatchObject({ code: 'EXCHANGE_AUTH' });
  });

  it('removing an account deletes its rows and its keychain entry', async () => {
    const { db, credentials, handlers, draft, events } = setup();
    const account = await handlers['accounts.add'](draft());
    await handlers['accounts.remove']({ accountId: account.id });
    expect(await db.accounts.count()).toBe(0);
    expect(credentials.entries.size).toBe(0);
    expect(events.at(-1)).toEqual({ event: 'account.changed', payload: { accountId: account.id, account: null } });
    await expect(handlers['accounts.remove']({ accountId: account.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
