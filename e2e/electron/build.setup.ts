import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test as setup } from '@playwright/test';
import { launchTarget } from '../support/mode';

// The Electron project's dependency (playwright.config.ts): Electron loads the built app, so main
// and preload are bundled from this tree before any spec launches it. Browser-only runs skip it.
setup('build the Electron main process and preload', () => {
  const target = launchTarget();
  if (target.mode !== 'electron') throw new Error('this setup belongs to the Electron project only');
  const { appDir, mainEntry } = target.plan;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', 'build:electron'], { cwd: appDir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (!existsSync(mainEntry)) throw new Error(`npm run build:electron did not write ${mainEntry} (package.json "main").`);
  // The renderer is Vite's build, shared with browser mode; `npm run test:e2e` builds it first.
  if (!existsSync(join(appDir, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/renderer/index.html is missing: run `npm run build:renderer` first (npm run test:e2e does).');
  }
});
