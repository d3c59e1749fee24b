import type { BrowserContext, ElectronApplication, Page } from '@playwright/test';
import { startApp } from './app';
import type { RunningApp } from './app';
import { launchElectron } from './app-electron';
import type { AppHandle, LaunchOptions, OpenOptions } from './handle';
import { launchTarget } from './mode';

export type { AppHandle, LaunchOptions, OpenOptions } from './handle';

// The one entry specs use to start the app: the running project decides browser mode (the core
// under Node via startApp, the UI in the test's Chromium page) or the Electron app.

interface BrowserLaunch extends LaunchOptions {
  port?: number;
  dataDir?: string;
}

function browserHandle(running: RunningApp, options: BrowserLaunch): AppHandle {
  return {
    mode: 'browser',
    dataDir: running.dataDir,
    url: running.url,
    origin: running.origin,
    port: running.port,
    token: running.token,
    get electron(): ElectronApplication { throw new Error('browser mode has no Electron application.'); },
    output: () => running.output(),
    async open(page: Page, open: OpenOptions = {}): Promise<Page> {
      if (open.fresh === true) await page.goto('about:blank');
      await page.goto(running.url);
      return page;
    },
    closeWindow: (page: Page) => page.close(),
    newWindow: (context: BrowserContext) => context.newPage(),
    stop: () => running.stop(),
    kill: () => running.kill(),
    // Same port = same origin = the same IndexedDB in the browser; same data dir = the same logs.
    launchAgain: () => launchBrowser({ ...options, port: running.port, dataDir: running.dataDir }),
  };
}

async function launchBrowser(options: BrowserLaunch): Promise<AppHandle> {
  return browserHandle(await startApp(options), options);
}

/** Starts a fresh app (a new, empty journal) in the mode of the running project. */
export async function launchApp(options: LaunchOptions = {}): Promise<AppHandle> {
  const target = launchTarget();
  return target.mode === 'electron' ? launchElectron(target.plan, options) : launchBrowser(options);
}
