import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { PlaywrightTestConfig } from '@playwright/test';
import { electronBinaryPath } from './scripts/electron-binary.mjs';
import { electronMetadata, electronPlan } from './e2e/support/electron-plan';
import type { ElectronPlan } from './e2e/support/electron-plan';

// Playwright cannot download its own browser here: e2e runs Debian's Chromium. A missing browser is
// an error, never a silent skip (CI must not pass without running e2e).
const chromium = process.env.TRADELOG_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`e2e needs Chromium at ${chromium} (Debian: apt-get install chromium, or set TRADELOG_CHROMIUM).`);
}

// The same specs also drive the Electron app when its binary is here (the one `npm start` would
// run, or TRADELOG_ELECTRON=<path>; TRADELOG_ELECTRON=0 turns it off). Without one there is no
// Electron project at all and the run is browser mode only, as on CI, where it cannot be downloaded.
const appDir = process.cwd();
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main?: string };
const electron = electronPlan({ override: process.env.TRADELOG_ELECTRON, detected: electronBinaryPath(), appDir, mainField: pkg.main, exists: existsSync });

/** Specs that only make sense in Electron (e2e/electron/); browser mode never collects them. */
const ELECTRON_ONLY = /[\\/]e2e[\\/]electron[\\/]/;

function electronProjects(plan: ElectronPlan): NonNullable<PlaywrightTestConfig['projects']> {
  const metadata = electronMetadata(plan);
  return [
    { name: 'browser' },
    // Builds main + preload once (e2e/electron/build.setup.ts) before the Electron project runs.
    { name: 'electron-build', testMatch: /[\\/]e2e[\\/]electron[\\/]build\.setup\.ts$/, testIgnore: [], metadata },
    // The page fixture stays a (unused) Chromium page there, so tracing it would record nothing useful.
    { name: 'electron', dependencies: ['electron-build'], testIgnore: [], metadata, use: { trace: 'off' } },
  ];
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  testIgnore: ELECTRON_ONLY,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'retain-on-failure',
  },
  ...(electron === null ? {} : { projects: electronProjects(electron) }),
});
