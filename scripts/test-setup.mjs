// First step of `npm test`: makes a fresh machine ready for every test, or stops at once with the
// one command that does.
//  1. System packages (Debian/Ubuntu): libsecret for the keychain binding, gnome-keyring + dbus for a
//     private Secret Service, Chromium for e2e. Installed here when we may (root, or sudo without a
//     password); otherwise the command to run is printed and the tests do not start.
//  2. The keychain binding (keytar, an optional dependency): `npm install` skips it where it cannot
//     be compiled (no libsecret headers yet), so it is built now that they are there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const INSTALL_COMMAND = 'sudo bash scripts/install-linux-deps.sh';
const DEBIAN_PACKAGES = ['libsecret-1-dev', 'gnome-keyring', 'dbus', 'chromium'];
const quiet = { stdio: 'ignore' };

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], quiet).status === 0;
const installed = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') === true;

function stop(lines) {
  console.error(['', 'npm test cannot run yet:', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  process.exit(1);
}

function ensureLinuxPackages() {
  if (!has('dpkg-query') || !has('apt-get')) {
    // Not Debian-like: name what the tests use and let the user map it to their package manager.
    const missing = [
      ['dbus-run-session', 'dbus'],
      ['gnome-keyring-daemon', 'gnome-keyring'],
      ['pkg-config --exists libsecret-1', 'libsecret development files (libsecret-devel / libsecret)'],
    ].filter(([probe]) => spawnSync('sh', ['-c', probe.includes(' ') ? probe : `command -v ${probe}`], quiet).status !== 0);
    const chromium = process.env.TRADELOG_CHROMIUM ?? '/usr/bin/chromium';
    if (!existsSync(chromium)) missing.push([chromium, 'Chromium (or set TRADELOG_CHROMIUM to its path)']);
    if (missing.length > 0) stop([`Install: ${missing.map(([, name]) => name).join(', ')}.`]);
    return;
  }
  const wanted = DEBIAN_PACKAGES.filter((pkg) => !(pkg === 'chromium' && process.env.TRADELOG_CHROMIUM && existsSync(process.env.TRADELOG_CHROMIUM)));
  const missing = wanted.filter((pkg) => !installed(pkg));
  if (missing.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], quiet).status === 0;
  if (!root && !sudo) stop([`System packages missing: ${missing.join(', ')}.`, `Run: ${INSTALL_COMMAND}`, 'then npm test again.']);
  console.log(`test setup: installing ${missing.join(', ')}`);
  const result = spawnSync('bash', ['scripts/install-linux-deps.sh'], { stdio: 'inherit' });
  if (result.status !== 0) stop([`Installing ${missing.join(', ')} failed (see above).`, `Run: ${INSTALL_COMMAND}`]);
}

/** keytar loads in a child process: a broken native module must not take this script down. */
const keytarLoads = () => spawnSync(process.execPath, ['-e', "require('keytar')"], quiet).status === 0;

function ensureKeychainBinding() {
  if (keytarLoads()) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const present = (() => {
    try {
      createRequire(import.meta.url).resolve('keytar/package.json');
      return true;
    } catch {
      return false;
    }
  })();
  console.log('test setup: building the keychain binding (keytar)');
  // Skipped at install (optional dependency that could not compile): install it from the lockfile.
  const args = present ? ['rebuild', 'keytar'] : ['install', '--no-save', '--no-audit', '--no-fund'];
  const result = spawnSync(npm, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0 || !keytarLoads()) {
    stop(['The keychain binding (keytar) does not build here.', process.platform === 'linux' ? `Run: ${INSTALL_COMMAND}` : 'Install a C++ toolchain, then npm install.']);
  }
}

if (process.platform === 'linux') ensureLinuxPackages();
ensureKeychainBinding();
