import { app, net, Notification, powerMonitor } from 'electron';
import type { BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import { assertNever } from '../../shared/never';
import { createAppCore } from '../core/appCore';
import { withEventTap } from '../core/eventTap';
import type { EventMessage } from '../core/eventTap';
import type { AppCore } from '../core/appCore';
import { createCoreServices } from '../core/services';
import { applyCoreV8Flags } from '../core/v8-flags';
import { consoleSink, createLogger, parseLogLevel, rotatingFileSink } from '../log/logger';
import { Redactor } from '../log/redact';
import { createKeytarStore } from '../secrets/keytarStore';
import { ElectronLink } from './ipc';
import { installAppSecurity } from './security';
import { AppTray } from './tray';
import { createMainWindow } from './window';

// dist/main/electron.cjs sits beside dist/preload and dist/renderer; resources/ holds the icons.
const distDir = join(__dirname, '..');
const rendererIndex = join(distDir, 'renderer', 'index.html');
const iconDir = app.isPackaged ? join(process.resourcesPath, 'icons') : join(distDir, '..', 'build', 'icons');

// TRADELOG_DATA_DIR (browser mode's knob too) replaces the profile folder: journal (IndexedDB),
// logs and the single-instance lock. e2e gives each launch its own, so a test never opens the
// user's journal or quits because their Tradelog is running. Before the lock and before ready.
if (process.env.TRADELOG_DATA_DIR) app.setPath('userData', resolve(process.env.TRADELOG_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first one: two engines must never sync the same journal.
  app.quit();
} else {
  app.enableSandbox();
  void run();
}

async function run(): Promise<void> {
  // The sync engine runs in this process: its V8 settings before anything allocates much.
  applyCoreV8Flags();
  await app.whenReady();
  const redactor = new Redactor();
  const logger = createLogger({
    level: parseLogLevel(process.env.TRADELOG_LOG_LEVEL, 'info'),
    redactor,
    sinks: [rotatingFileSink({ dir: join(app.getPath('userData'), 'logs') }), ...(app.isPackaged ? [] : [consoleSink()])],
  });
  installAppSecurity((url) => url.startsWith('file://') && url.includes('/renderer/'));

  const electronLink = new ElectronLink(logger.child('ipc'));
  // Set once the tray exists; events before that have nothing to update.
  let onEvent: (message: EventMessage) => void = () => undefined;
  const link = withEventTap(electronLink, (message) => onEvent(message));
  const core: AppCore = createAppCore({
    host: 'electron',
    version: app.getVersion(),
    platform: process.platform,
    link,
    credentials: createKeytarStore(),
    logger,
    redactor,
    services: createCoreServices,
  });

  let quitting = false;
  let window: BrowserWindow | null = null;
  const showWindow = (): void => {
    if (window === null || window.isDestroyed()) window = openWindow();
    window.show();
    window.focus();
  };
  const openWindow = (): BrowserWindow => {
    const settings = core.ctx.settings.get();
    const created = createMainWindow({
      preloadPath: join(distDir, 'preload', 'preload.cjs'),
      indexHtml: rendererIndex,
      iconPath: join(iconDir, 'icon.png'),
      startHidden: settings.ui.startHidden && process.argv.includes('--hidden'),
      hideOnClose: () => !quitting && core.ctx.settings.get().ui.closeToTray,
    });
    electronLink.attach(created.webContents);
    return created;
  };

  const tray = new AppTray(iconDir, {
    open: showWindow,
    syncAll: () => void core.services.engine.requestAll('trades', 'manual'),
    setBackgroundPaused: (paused) => {
      core.services.engine.setBackgroundPaused(paused);
      tray.update({ paused });
    },
    quit: () => app.quit(),
  });

  // Tray state, notifications and login item follow what the engine and settings report.
  const unsubscribers = [
    core.ctx.settings.onChange((settings) => {
      app.setLoginItemSettings({ openAtLogin: settings.ui.launchAtLogin, args: settings.ui.startHidden ? ['--hidden'] : [] });
    }),
  ];
  /** An OS notification; clicking it opens the window on the account it is about. */
  const notify = (title: string, body: string, accountId: string): void => {
    if (!core.ctx.settings.get().ui.notifications || !Notification.isSupported()) return;
    const notice = new Notification({ title, body });
    notice.on('click', () => {
      showWindow();
      link.emit('ui.focusAccount', { accountId });
    });
    notice.show();
  };
  onEvent = (message) => {
    switch (message.event) {
      case 'engine.status':
        tray.update({ state: message.payload.runningJobIds.length > 0 ? 'syncing' : 'idle', paused: message.payload.backgroundPaused });
        return;
      case 'job.updated':
        if (message.payload.status === 'SUCCEEDED') tray.update({ lastSyncAt: message.payload.finishedAt });
        if (message.payload.status === 'FAILED') {
          tray.update({ state: 'error' });
          notify('Sync failed', message.payload.error?.message ?? 'A sync failed. Open Tradelog for details.', message.payload.accountId);
        }
        return;
      case 'account.changed':
        if (message.payload.account?.status === 'needs_credentials') {
          notify('New API keys needed', `${message.payload.account.label}: the exchange refused the key. Open the account to update it.`, message.payload.accountId);
        }
        return;
      case 'diagnostics.pong':
      case 'sync.progress':
      case 'notice':
      case 'ui.focusAccount':
        return;
      default:
        assertNever(message, 'event');
    }
  };

  powerMonitor.on('resume', () => core.services.engine.notifyWake());
  // No sync runs offline; when the network returns the engine runs what became due meanwhile.
  const ONLINE_POLL_MS = 15_000;
  let online = net.isOnline();
  core.services.engine.setOnline(online);
  const onlinePoll = setInterval(() => {
    const now = net.isOnline();
    if (now !== online) {
      online = now;
      logger.info(now ? 'network is back' : 'network is gone');
      core.services.engine.setOnline(now);
    }
  }, ONLINE_POLL_MS);
  unsubscribers.push(() => clearInterval(onlinePoll));
  powerMonitor.on('suspend', () => logger.info('system suspending'));

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Quitting is explicit (tray menu or app menu); with close-to-tray off the last window quits.
    if (!core.ctx.settings.get().ui.closeToTray) app.quit();
  });
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    logger.info('quitting: stopping the sync engine gracefully');
    void core.stop()
      .catch((error: unknown) => logger.error('engine stop failed', { error }))
      .finally(() => {
        for (const unsubscribe of unsubscribers) unsubscribe();
        tray.destroy();
        void electronLink.close().finally(() => app.exit(0));
      });
  });

  window = openWindow();
  // Starts the engine once the window serves the journal database.
  core.start().catch((error: unknown) => logger.error('sync engine failed to start', { error }));
}
