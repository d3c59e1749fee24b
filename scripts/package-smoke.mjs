// Packaging smoke test: electron-builder cannot download Electron here, so it packs against a
// stand-in Electron dist (electron-builder's -c.electronDist). Checks what a shipped app depends on:
// the asar holds the built app only, keytar's native module is unpacked beside it, icons ship.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readSync, closeSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fail = (message) => {
  console.error(`package-smoke: ${message}`);
  process.exit(1);
};

/** asar header: UInt32LE header-string length at byte 12, JSON from byte 16. */
function asarFiles(file) {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  readSync(fd, head, 0, 16, 0);
  const length = head.readUInt32LE(12);
  const json = Buffer.alloc(length);
  readSync(fd, json, 0, length, 16);
  closeSync(fd);
  const out = [];
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = `${prefix}/${name}`;
      if (child.files) walk(child, path);
      else out.push(path);
    }
  };
  walk(JSON.parse(json.toString('utf8')), '');
  return out;
}

if (!existsSync('dist/renderer/index.html')) fail('build the renderer first (npm run build:renderer)');
execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });

const stand = join(tmpdir(), `tradelog-electron-standin-${process.pid}`);
mkdirSync(join(stand, 'resources'), { recursive: true });
writeFileSync(join(stand, 'electron'), '#!/bin/sh\nexit 0\n');
chmodSync(join(stand, 'electron'), 0o755);
writeFileSync(join(stand, 'version'), 'v45.4.1');
const out = join(tmpdir(), `tradelog-package-${process.pid}`);
try {
  execFileSync('npx', ['electron-builder', '--linux', 'dir', `-c.electronDist=${stand}`, '-c.electronVersion=45.4.1',
    '-c.npmRebuild=false', `-c.directories.output=${out}`, '--publish', 'never'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const resources = join(out, 'linux-unpacked', 'resources');
  const files = asarFiles(join(resources, 'app.asar'));
  for (const required of ['/package.json', '/dist/main/electron.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html']) {
    if (!files.includes(required)) fail(`app.asar lacks ${required}`);
  }
  const leaked = files.filter((f) => !f.startsWith('/node_modules/') && (/\.(ts|tsx|map)$/.test(f) || /^\/(main|renderer|shared|preload|e2e|bench)\//.test(f)));
  if (leaked.length > 0) fail(`app.asar carries sources or maps: ${leaked.slice(0, 5).join(', ')}`);
  if (files.some((f) => f.startsWith('/node_modules/react/') || f.startsWith('/node_modules/dexie/'))) fail('renderer-only packages were packed (they are bundled by Vite)');
  if (!existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))) fail('keytar.node is not unpacked beside the asar');
  for (const icon of ['icon.png', 'tray-idle.png', 'tray-syncing.png', 'tray-error.png']) {
    if (!existsSync(join(resources, 'icons', icon))) fail(`resources/icons/${icon} missing`);
  }
  console.log(`package-smoke: ok (${files.length} files in app.asar, keytar unpacked, icons present)`);
} finally {
  rmSync(stand, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
