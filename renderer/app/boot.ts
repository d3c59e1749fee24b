import type { AppApi } from '../../preload/api';
import { openJournalDb } from '../db/schema';
import type { JournalDb } from '../db/schema';
import { connectApi, unwrap } from '../bridge/api';
import { startStoreWorkerOverPort, startStoreWorkerOverSocket } from '../bridge/storeWorker';
import { useAppStore } from '../state/appStore';
import { useUiStore } from '../state/uiStore';

export interface Booted {
  api: AppApi;
  db: JournalDb;
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
  if (typeof navigator.storage?.persist === 'function') void navigator.storage.persist().catch(() => false);
  // Writes (sync batches) go to a dedicated worker that serves main's store port; this thread
  // only reads, so a big import never blocks the UI (docs/ARCHITECTURE.md).
  const onWorkerFailure = (message: string): void => {
    state.setStoreError(message);
    state.pushNotice({ level: 'error', message: `The journal store stopped: ${message}` });
  };
  if (connection.browser !== null) startStoreWorkerOverSocket(connection.browser, onWorkerFailure);
  else startStoreWorkerOverPort(api, onWorkerFailure);

  void unwrap(api.app.info({})).then(state.setInfo).catch(() => undefined);
  void unwrap(api.sync.status({})).then(state.setEngine).catch(() => undefined);
  void unwrap(api.settings.get({})).then(state.setSettings).catch(() => undefined);
  return { api, db };
}
