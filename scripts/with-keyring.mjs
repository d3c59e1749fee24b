// Runs a command inside a private D-Bus session with an unlocked gnome-keyring (Secret Service),
// so keytar talks to a real keychain in tests without touching the user's own keyring.
// Where the tools are missing: fails under CI (no silent skip), otherwise runs the command with
// TRADELOG_NO_KEYRING=1 so keychain tests report themselves as skipped with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args...]');
  process.exit(2);
}
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
const ci = process.env.CI === 'true' || process.env.CI === '1';

if (process.platform !== 'linux' || !has('dbus-run-session') || !has('gnome-keyring-daemon')) {
  if (process.platform === 'linux' && ci) {
    console.error('with-keyring: dbus-run-session and gnome-keyring-daemon are required under CI (apt-get install dbus gnome-keyring).');
    process.exit(1);
  }
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, TRADELOG_NO_KEYRING: process.platform === 'linux' ? '1' : '' }, shell: process.platform === 'win32' });
  process.exit(result.status ?? 1);
}

const home = mkdtempSync(join(tmpdir(), 'tradelog-keyring-'));
const script = 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"';
const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script, '_', command, ...args], {
  stdio: 'inherit',
  env: { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home, TRADELOG_KEYRING: 'gnome-keyring' },
});
rmSync(home, { recursive: true, force: true });
process.exit(result.status ?? 1);
