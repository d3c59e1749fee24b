import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from '@playwright/test';
import type { BrowserContext, ElectronApplication, Page } from '@playwright/test';
import type { ElectronPlan } from './electron-plan';
import type { AppHandle, LaunchOptions, OpenOptions } from './handle';

// The Electron twin of startApp (app.ts): the built app (`npm run build:electron`) launched by
// Playwright's `_electron` with an explicit executablePath, so nothing here requires the
// `electron` package. Not runnable on this project's CI (no binary can be downloaded there).

interface ElectronLaunch extends LaunchOptions {
  /** Reused by launchAgain(): the profile holds the journal (IndexedDB), logs and the instance lock. */
  dataDir?: string;
}

/** process.env without unset keys; never ELECTRON_RUN_AS_NODE, which would start plain Node instead. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  return env;
}

/**
 * Playwright starts Electron as its own process group. After main is gone its helpers (GPU,
 * renderers, utility) are doomed; killing them at once means the next launch on the same profile
 * never meets a straggler still holding the journal's files.
 */
function killGroup(pid: number | undefined): void {
  if (pid === undefined || process.platform === 'win32') return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** The renderer document is loaded (the window starts on about:blank, then loads index.html). */
async function loaded(page: Page): Promise<Page> {
  await page.waitForURL((url) => url.protocol === 'file:');
  return page;
}

export async function launchElectron(plan: ElectronPlan, options: ElectronLaunch): Promise<AppHandle> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tradelog-e2e-electron-'));
  const electron: ElectronApplication = await _electron.launch({
    executablePath: plan.executablePath,
    args: plan.args,
    cwd: plan.appDir,
    // TRADELOG_DATA_DIR becomes Electron's userData (main/electron/main.ts): a private profile per launch.
    env: { ...baseEnv(), ...options.env, TRADELOG_DATA_DIR: dataDir },
    acceptDownloads: true,
    timeout: 60_000,
  });
  const child = electron.process();
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = child.exitCode !== null || child.signalCode !== null;
  const exit = exited ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));

  const handle: AppHandle = {
    mode: 'electron',
    dataDir,
    get url(): string { throw new Error('Electron mode has no URL: the window loads the renderer from disk.'); },
    get origin(): string { throw new Error('Electron mode has no HTTP origin.'); },
    get port(): number { throw new Error('Electron mode listens on no port.'); },
    get token(): string { throw new Error('Electron mode has no access token: IPC needs none.'); },
    electron,
    output: () => output,
    async open(_page: Page, _options?: OpenOptions): Promise<Page> {
      return loaded(electron.windows().at(-1) ?? (await electron.waitForEvent('window')));
    },
    async closeWindow(page: Page): Promise<void> {
      // destroy(), not close(): close-to-tray (on by default) would only hide the window.
      await Promise.all([
        page.isClosed() ? Promise.resolve() : page.waitForEvent('close'),
        electron.evaluate(({ BrowserWindow }) => {
          for (const window of BrowserWindow.getAllWindows()) window.destroy();
        }),
      ]);
    },
    async newWindow(_context: BrowserContext): Promise<Page> {
      const next = electron.waitForEvent('window');
      // main.ts opens a window on 'activate' when none is left (the dock on macOS, the tray's Open).
      await electron.evaluate(({ app }) => {
        app.emit('activate');
      });
      return loaded(await next);
    },
    async stop(): Promise<void> {
      // close() = app.quit(): main's before-quit stops the engine gracefully, then exits.
      if (!exited) await electron.close();
      await exit;
      killGroup(child.pid);
    },
    async kill(): Promise<void> {
      if (!exited) child.kill('SIGKILL');
      await exit;
      killGroup(child.pid);
    },
    launchAgain: () => launchElectron(plan, { ...options, dataDir }),
  };
  return handle;
}
