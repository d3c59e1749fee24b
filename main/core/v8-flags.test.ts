import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_V8_FLAGS } from './v8-flags';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Source text without comments, so a commented-out call never passes. */
function code(path: string): string {
  return readFileSync(join(root, path), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('core process V8 settings', () => {
  it('every flag is one this V8 knows (setFlagsFromString ignores a misspelt one silently; the command line refuses it)', () => {
    expect(CORE_V8_FLAGS.length).toBeGreaterThan(0);
    for (const flag of CORE_V8_FLAGS) {
      const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      expect(r.status, `${flag}: ${r.stderr}`).toBe(0);
    }
    const misspelt = spawnSync(process.execPath, ['--heap-growing-percentage=30', '-e', '0'], { encoding: 'utf8' });
    expect(misspelt.status).not.toBe(0);
  });

  it('both core entry points and the memory bench apply the one list', () => {
    for (const path of ['main/electron/main.ts', 'main/browser/start.ts', 'bench/memory.ts']) {
      const src = code(path);
      expect(src, path).toMatch(/import \{[^}]*\bapplyCoreV8Flags\b[^}]*\} from '[./]*(core\/|main\/core\/)?v8-flags'/);
      expect(src, path).toMatch(/\bapplyCoreV8Flags\(\);/);
    }
  });
});
