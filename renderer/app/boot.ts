import type { AppApi } from '../../preload/api';
import { openJournalDb } from '../db/schema';
import { requestPersistentStorage } from '../db/persist';
import type { JournalDb } from '../db/schema';
import type { JournalWriter } from '../db/journal-writer';
import { connectApi, unwrap } from '../bridge/api';
import { startStoreWorkerOverPort, startStoreWorkerOverSocket } from '../bridge/storeWorker';
import { useAppStore } from '../state/appStore';
import { useUiStore } from '../state/uiStore';

export interface Booted {
  api: AppApi;
  /** For reads only (read hooks, liveQuery): every write goes through `writer` to the store worker. */
  db: JournalDb;
  /** The page's writes (notes, stops, imports, restores, candles), served by the store worker. */
  writer: JournalWriter;
}

/**
 * Starts the renderer's half of the app: connect to main, open the journal database for reading,
 * start the store worker that serves main's engine, and mirror main's events into zustand. Returns null when there is no
 * main to talk to (the page was opened without the browser-mode token).
 */
export async function boot(): Promise<Booted | null> {
  const state = useAppStore.getState();
  const connection = connectApi(state.setBridge);
  if (connection === null) return null;
  const { api } = connection;

  api.events.on('engine.status', state.setEngine);
  api.events.on('job.updated', state.upsertJob);
  api.events.on('sync.progress', ({ jobId, progress }) => state.setProgress(jobId, progress));
  api.events.on('notice', (notice) => state.pushNotice(notice));
  api.events.on('ui.focusAccount', ({ accountId }) => useUiStore.getState().focusAccount(accountId));
  // Notices about an account that no longer exists would point at nothing.
  api.events.on('account.changed', ({ accountId, account }) => {
    if (account === null) for (const notice of useAppStore.getState().notices) if (notice.accountId === accountId) state.dismissNotice(notice.id);
  });
  // Browser mode: a restarted core prints a new link; opened in this tab only the fragment
  // changes, which does not reload the page. Reload so the new token is used.
  if (connection.browser !== null) {
    window.addEventListener('hashchange', () => {
      if (/(?:^#|&)token=/.test(window.location.hash)) window.location.reload();
    });
  }

  let db: JournalDb;
  try {
    db = await openJournalDb();
  } catch (error) {
    state.setStoreError(error instanceof Error ? error.message : 'The journal database could not be opened.');
    throw error;
  }
  // Ask the browser not to evict the journal under storage pressure: it is the only copy.
  void requestPersistentStorage();
  // Every write goes to a dedicated worker: main's sync batches over main's store port, this page's
  // own writes over the page's port. This thread only reads, so a big import never blocks the UI
  // (docs/ARCHITECTURE.md, who writes what).
  const onWorkerFailure = (message: string): void => {
    state.setStoreError(message);
    state.pushNotice({ level: 'error', message: `The journal store stopped: ${message}` });
  };
  const { writer } = connection.browser !== null
    ? startStoreWorkerOverSocket(connection.browser, onWorkerFailure)
    : startStoreWorkerOverPort(api, onWorkerFailure);

  void unwrap(api.app.info({})).then(state.setInfo).catch(() => undefined);
  void unwrap(api.sync.status({})).then(state.setEngine).catch(() => undefined);
  void unwrap(api.settings.get({})).then(state.setSettings).catch(() => undefined);
  return { api, db, writer };
}
