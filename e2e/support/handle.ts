import type { BrowserContext, ElectronApplication, Page } from '@playwright/test';
import type { AppMode } from './mode';

export interface LaunchOptions {
  /** Extra environment for the app, e.g. TRADELOG_LOG_LEVEL (both modes read the same knobs). */
  env?: Record<string, string>;
}

export interface OpenOptions {
  /**
   * Browser mode: leave the current document first, so a link that differs only in its fragment
   * (the per-run token) is a real load. Electron: nothing to do, a new launch has a new window.
   */
  fresh?: boolean;
}

/**
 * One running app, browser mode or Electron, behind the same calls, so a spec is written once.
 * The page to drive always comes from `open()`: browser mode loads the app into the page it is
 * given, Electron returns its own window (and a new one after every launch), so specs keep the
 * returned page, never the one they passed in.
 */
export interface AppHandle {
  readonly mode: AppMode;
  /** TRADELOG_DATA_DIR: logs in both modes; in Electron the whole profile, journal included. */
  readonly dataDir: string;
  /** Browser mode only (Electron has no server and no token: these throw). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Electron mode only (throws in browser mode): for main-process checks via `evaluate`. */
  readonly electron: ElectronApplication;
  /** Everything the main process printed (secrets must never appear here). */
  output(): string;
  /** Shows the app and returns the page that displays it. */
  open(page: Page, options?: OpenOptions): Promise<Page>;
  /** Closes the window while main keeps running (browser: the tab; Electron: destroys the BrowserWindow). */
  closeWindow(page: Page): Promise<void>;
  /** A new window on the running app; pass it to `open()`. Electron: as the dock/tray "open" does. */
  newWindow(context: BrowserContext): Promise<Page>;
  /** Graceful stop (the engine finishes its batch). */
  stop(): Promise<void>;
  /** Crash: SIGKILL of main, no cleanup at all. In Electron the renderer dies with it. */
  kill(): Promise<void>;
  /** A new instance on this one's journal (browser: same port and data dir; Electron: same profile). Call after stop() or kill(). */
  launchAgain(): Promise<AppHandle>;
}
