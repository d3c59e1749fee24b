// Whether Electron's binary is present, without loading the electron package (loading it tries to download the binary).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const electronDir = join(process.cwd(), 'node_modules', 'electron');

export function electronBinaryPath() {
  const pathFile = join(electronDir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
    const full = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
    return existsSync(full) ? full : null;
  }
  if (!existsSync(pathFile)) return null;
  const full = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(full) ? full : null;
}

/** Electron 45 fetches its binary on first use; try once (quietly) before giving up. */
export function ensureElectronBinary() {
  const found = electronBinaryPath();
  if (found !== null || !existsSync(join(electronDir, 'install.js'))) return found;
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  return electronBinaryPath();
}
