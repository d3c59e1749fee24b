// `npm start`: the Electron app when its binary is available, otherwise browser mode (one notice line).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath, ensureElectronBinary } from './electron-binary.mjs';

const forceBrowser = process.argv.includes('--browser') || process.env.TRADELOG_BROWSER === '1';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rendererBuilt = join('dist', 'renderer', 'index.html');
const rendererStale = () =>
  !existsSync(rendererBuilt) ||
  Math.max(newestMtime('renderer'), newestMtime('shared'), newestMtime('preload'), newestMtime('vite.config.ts')) > statSync(rendererBuilt).mtimeMs;

// Electron's own tooling (the download of its binary on first use) needs the Node version that
// package.json's `engines` declares; on an older Node, an Electron binary already installed still
// runs, and otherwise browser mode starts.
const required = JSON.parse(readFileSync('package.json', 'utf8')).engines.node.replace(/^>=\s*/, '');
const atLeast = (version, minimum) => {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};
const nodeTooOld = !atLeast(process.versions.node, required);

function pickElectron() {
  if (forceBrowser) return null;
  const installed = electronBinaryPath();
  if (installed !== null || !nodeTooOld) return installed ?? ensureElectronBinary();
  console.log(`Node ${process.versions.node} is older than the ${required} that Electron's installer needs, so Tradelog starts in browser mode; install Node ${required} or newer for the desktop app.`);
  return null;
}

const electron = pickElectron();
let child;
if (electron !== null) {
  run(npm, ['run', '--silent', 'build']);
  child = spawn(electron, ['.', ...process.argv.slice(2).filter((a) => a !== '--browser')], { stdio: 'inherit' });
} else {
  if (!forceBrowser && !nodeTooOld) console.log("Electron's binary is not installed here (it could not be downloaded), so Tradelog starts in browser mode instead.");
  if (rendererStale()) run(npm, ['run', '--silent', 'build:renderer', '--', '--logLevel', 'warn']);
  child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/start.ts'], { stdio: 'inherit', env: process.env });
}
// Forward Ctrl+C / kill to the app so it stops gracefully (the engine finishes its batch).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
