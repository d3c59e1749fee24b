import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain/types';
import type { ClosedPnlRecord } from '../../shared/journal/closed-pnl';
import { DexieStore } from '../../renderer/db/dexie-store';
import { JournalDb } from '../../renderer/db/schema';
import type { CoreContext } from '../core/context';
import type { ClosedPnlReader } from '../core/ports';
import { SettingsService } from '../core/settingsService';
import { createLogger } from '../log/logger';
import { Redactor } from '../log/redact';
import { MemoryCredentialStore } from '../secrets/memoryStore';
import { closedPnlHandlers } from './closedPnl';

const NOW = 1_700_000_000_000;
const record: ClosedPnlRecord = { symbolId: 'BTCUSDT', orderId: 'o1', closedSize: 1, closedPnl: 2.5, openFee: 0.1, closeFee: 0.1, createdTime: NOW - 1000 };

async function setup(exchange: Account['exchange'], reader: ClosedPnlReader | undefined) {
  const store = new DexieStore(new JournalDb(`closed-pnl-${randomUUID()}`));
  const logger = createLogger({ level: 'error', redactor: new Redactor(), sinks: [] });
  const ctx: CoreContext = {
    host: 'browser', version: 'test', platform: 'linux', store, credentials: new MemoryCredentialStore(), settings: new SettingsService(store, logger), logger, redactor: new Redactor(), clock: () => NOW,
    link: { onRequest: () => undefined, emit: () => undefined, callStore: () => Promise.reject(new Error('not used')), storeAvailable: () => true, onStoreAvailable: () => () => undefined, close: async () => undefined },
  };
  await store.putAccount({
    id: 'a1', exchange, label: 'x', marketTypes: ['linear'], testnet: false, baseUrl: null, historyStart: null, symbolScope: 'held', credentialRef: 'ref',
    status: 'active', scheduleMinutes: null, createdAt: 0, updatedAt: 0, lastAttemptAt: null, lastSuccessAt: null,
  });
  return closedPnlHandlers(ctx, reader)['journal.closedPnl'];
}

describe('journal.closedPnl', () => {
  it('reads a Bybit account\'s records from `since` to now', async () => {
    const calls: [string, number, number][] = [];
    const handler = await setup('bybit', { read: async (account, since, now) => { calls.push([account.id, since, now]); return [record]; } });
    expect(await handler({ accountId: 'a1', since: 5 })).toEqual([record]);
    expect(calls).toEqual([['a1', 5, NOW]]);
  });

  it('refuses another exchange, an unknown account and a core without a reader with typed errors', async () => {
    const never: ClosedPnlReader = { read: () => Promise.reject(new Error('must not be called')) };
    await expect((await setup('binance', never))({ accountId: 'a1', since: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect((await setup('bybit', never))({ accountId: 'nope', since: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect((await setup('bybit', undefined))({ accountId: 'a1', since: 0 })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
