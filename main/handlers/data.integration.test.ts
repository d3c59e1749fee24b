import { afterEach, describe, expect, it } from 'vitest';
import { RequestSchemas } from '../../shared/ipc/contract';
import type { RequestInput } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { completeness, owedSync } from '../../shared/sync/kinds';
import { simSession, type SimSession } from '../../testing/sync/simSession';
import { recordingLink } from '../../testing/core/recordingLink';
import type { CoreContext } from '../core/context';
import { SettingsService } from '../core/settingsService';
import { createLogger } from '../log/logger';
import { Redactor } from '../log/redact';
import { MemoryCredentialStore } from '../secrets/memoryStore';
import { dataHandlers } from './data';

/**
 * Purge and re-fetch through main (main/handlers/data.ts), with the real engine and real ccxt
 * against the simulator and the real Dexie store on fake-indexeddb.
 */

const DAY = 86_400_000;
const now = Date.now();
const history = { seed: 5, start: now - 40 * DAY, end: now - 60_000, listedSpot: 4, listedLinear: 2, tradedSpot: 2, tradedLinear: 1, trades: 240, deposits: 2, withdrawals: 1 };
const settings: Settings = { ...DEFAULT_SETTINGS, sync: { ...DEFAULT_SETTINGS.sync, pageSize: 10, manualCooldownSeconds: 0 } };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
});

function handlerFor(session: SimSession) {
  const { link, events } = recordingLink();
  const logger = createLogger({ level: 'error', redactor: new Redactor(), sinks: [] });
  const ctx: CoreContext = {
    host: 'browser', version: 'test', platform: 'linux', link, store: session.store, credentials: new MemoryCredentialStore(),
    settings: new SettingsService(session.store, logger), logger, redactor: new Redactor(), clock: Date.now,
  };
  const handler = dataHandlers(ctx, session.engine)['data.purgeAndRefetch'];
  // Through the contract's schema, as the router runs it.
  const purge = (input: RequestInput<'data.purgeAndRefetch'>) => handler(RequestSchemas['data.purgeAndRefetch'].parse(input));
  return { purge, events };
}

describe('data.purgeAndRefetch: main stops the jobs, the store purges, then the re-fetch is queued', () => {
  it('purging trades while a sync runs: the running job ends first, the re-fetch restores exactly the exchange\'s trades', async () => {
    const session = await simSession({ sim: { history, latencyMs: 5 }, settings, dbName: 'purge-refetch-1' });
    cleanups.push(() => session.close());
    const { purge, events } = handlerFor(session);
    await session.sync('full');
    expect(await session.stored()).toEqual(session.truth());

    // A trades sync in flight: the purge must not race it.
    const running = await session.request('trades');
    const result = await purge({ accountId: 'acc-1', category: 'trades' });
    expect((await session.store.getJob(running))?.status).toMatch(/CANCELLED|SUCCEEDED/);
    expect(result.rows).toBeGreaterThan(0);
    expect(result.jobId).not.toBe(running);
    expect(events.some((e) => e.event === 'account.changed')).toBe(true);

    const refetch = await session.finished(result.jobId);
    expect(refetch.status).toBe('SUCCEEDED');
    expect(await session.stored()).toEqual(session.truth());
    const account = await session.store.getAccount('acc-1');
    expect(account === null ? null : completeness(account).complete).toBe(true);
  });

  it('a purge followed by a re-fetch from a later date leaves the kind not imported; a full re-fetch completes it again', async () => {
    const session = await simSession({ sim: { history, latencyMs: 5 }, settings, dbName: 'purge-refetch-2' });
    cleanups.push(() => session.close());
    const { purge } = handlerFor(session);
    await session.sync('full');
    const before = await session.store.getAccount('acc-1');
    expect(before === null ? null : completeness(before).complete).toBe(true);

    const dated = await purge({ accountId: 'acc-1', category: 'trades', since: now - 10 * DAY });
    expect((await session.finished(dated.jobId)).status).toBe('SUCCEEDED');
    const after = await session.store.getAccount('acc-1');
    if (after === null) throw new Error('account gone');
    expect(completeness(after).missing.map((k) => k.key).sort()).toEqual(['trades:linear', 'trades:spot']);
    // Older fills than the re-fetch's start are gone; the rest came back.
    expect((await session.stored()).length).toBeLessThan(session.truth().length);

    const full = await purge({ accountId: 'acc-1', category: 'trades' });
    expect((await session.finished(full.jobId)).status).toBe('SUCCEEDED');
    const complete = await session.store.getAccount('acc-1');
    expect(complete === null ? null : completeness(complete).complete).toBe(true);
    expect(await session.stored()).toEqual(session.truth());
  });

  it('a dated re-fetch that runs out of its page budget: its continuations cannot complete the kind either', async () => {
    // Two pages per symbol and attempt: the dated re-fetch hands its rest to continuation jobs.
    const budget: Settings = { ...settings, sync: { ...settings.sync, maxPagesPerSymbol: 2 } };
    const session = await simSession({ sim: { history, latencyMs: 5 }, settings: budget, dbName: 'purge-refetch-4' });
    cleanups.push(() => session.close());
    const { purge } = handlerFor(session);
    await session.sync('full');
    await session.settled();
    const before = await session.store.getAccount('acc-1');
    expect(before === null ? null : completeness(before).complete).toBe(true);

    // The simulated fills lie in the history's first weeks: a date inside them leaves some older ones out.
    const since = history.start + 8 * DAY;
    const dated = await purge({ accountId: 'acc-1', category: 'trades', since });
    const chain = (await session.settled()).filter((j) => j.requestedAt >= (before?.updatedAt ?? 0) && j.mode === 'trades');
    const continuations = chain.filter((j) => j.continuationOf !== null);
    expect(continuations.length).toBeGreaterThan(0);
    expect(chain.every((j) => j.status === 'SUCCEEDED')).toBe(true);
    // The continuations ran without a date (resumed from the checkpoints) but cover from the re-fetch's date.
    expect(continuations.every((j) => j.since === null && j.coverageFrom === since)).toBe(true);
    expect(chain.some((j) => j.id === dated.jobId && j.coverageFrom === undefined)).toBe(true);
    const after = await session.store.getAccount('acc-1');
    if (after === null) throw new Error('account gone');
    expect(completeness(after).missing.map((k) => k.key).sort()).toEqual(['trades:linear', 'trades:spot']);
    // The chain ran each kind to its end (its last run ok), yet the fills before the date were never fetched.
    expect(after.kinds?.['trades:spot']).toMatchObject({ completedAt: null, lastOk: true });
    const stored = await session.stored();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(session.truth().length);

    // A sync from the history start (no date: it would resume from the dated chain's checkpoints)
    // restarts the kinds the dated chain left partial, through its own continuations, and completes them.
    await session.request('trades');
    await session.settled();
    const complete = await session.store.getAccount('acc-1');
    expect(complete === null ? null : completeness(complete).complete).toBe(true);
    expect(complete?.kinds?.['trades:spot']?.coveredFrom).toBeUndefined();
    expect(await session.stored()).toEqual(session.truth());
  });

  it('"Complete the import" after a purge and a dated re-fetch fetches what lies before the date, not only resumes the dated run', async () => {
    const session = await simSession({ sim: { history, latencyMs: 5 }, settings, dbName: 'purge-refetch-5' });
    cleanups.push(() => session.close());
    const { purge } = handlerFor(session);
    await session.sync('full');
    for (const category of ['trades', 'movements'] as const) {
      const dated = await purge({ accountId: 'acc-1', category, since: history.start + 8 * DAY });
      expect((await session.finished(dated.jobId)).status).toBe('SUCCEEDED');
    }
    const partial = await session.store.getAccount('acc-1');
    if (partial === null) throw new Error('account gone');
    expect(completeness(partial).missing.map((k) => k.key).sort()).toEqual(['movements', 'trades:linear', 'trades:spot']);
    expect(partial.kinds?.['trades:spot']?.coveredFrom).toBe(history.start + 8 * DAY);
    expect((await session.stored()).length).toBeLessThan(session.truth().length);

    // What the card's button asks for (owedSync): a full sync without a date.
    const owed = owedSync(partial, null);
    expect(owed).toEqual({ mode: 'full', since: null });
    const job = await session.engine.request({ accountId: 'acc-1', mode: owed.mode, since: owed.since, force: true });
    expect((await session.finished(job.jobId)).status).toBe('SUCCEEDED');
    const complete = await session.store.getAccount('acc-1');
    expect(complete === null ? null : completeness(complete).complete).toBe(true);
    expect(await session.stored()).toEqual(session.truth());
    expect(await session.store.db.movements.count()).toBe(session.sim.groundTruth().movements.length);
  });

  it('an unknown account is NOT_FOUND and nothing is purged', async () => {
    const session = await simSession({ sim: { history, latencyMs: 5 }, settings, dbName: 'purge-refetch-3' });
    cleanups.push(() => session.close());
    const { purge } = handlerFor(session);
    await session.sync('trades');
    const stored = (await session.stored()).length;
    await expect(purge({ accountId: 'nobody', category: 'trades' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await session.stored()).length).toBe(stored);
  });
});
