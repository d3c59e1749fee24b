import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronMetadata, electronPlan, launchTargetFrom } from './electron-plan';
import type { ElectronPlanInput } from './electron-plan';

// The e2e Electron project cannot run here (no binary), so its selection is proven on its own.
const appDir = resolve('/repo');
const base = (over: Partial<ElectronPlanInput> = {}): ElectronPlanInput => ({
  override: undefined, detected: null, appDir, mainField: 'dist/main/electron.cjs', exists: () => false, ...over,
});

describe('electronPlan', () => {
  it('defines no Electron project when nothing is detected and nothing is asked for', () => {
    expect(electronPlan(base())).toBeNull();
    expect(electronPlan(base({ override: '' }))).toBeNull();
    expect(electronPlan(base({ override: '   ' }))).toBeNull();
  });

  it('uses the binary found under node_modules/electron and launches the app folder', () => {
    expect(electronPlan(base({ detected: '/repo/node_modules/electron/dist/electron' }))).toEqual({
      executablePath: '/repo/node_modules/electron/dist/electron',
      args: [appDir],
      appDir,
      mainEntry: resolve(appDir, 'dist/main/electron.cjs'),
      source: 'node_modules/electron',
    });
  });

  it('prefers TRADELOG_ELECTRON over the detected binary, relative to the app folder', () => {
    const exists = (path: string): boolean => path === resolve(appDir, 'bin/electron');
    const plan = electronPlan(base({ override: 'bin/electron', detected: '/repo/node_modules/electron/dist/electron', exists }));
    expect(plan).toMatchObject({ executablePath: resolve(appDir, 'bin/electron'), source: 'TRADELOG_ELECTRON', args: [appDir] });
    expect(electronPlan(base({ override: '/opt/electron/electron', exists: (p) => p === '/opt/electron/electron' }))?.executablePath).toBe('/opt/electron/electron');
  });

  it('fails loudly when TRADELOG_ELECTRON names a missing file (never a silent browser-only run)', () => {
    expect(() => electronPlan(base({ override: '/nowhere/electron', detected: '/repo/node_modules/electron/dist/electron' }))).toThrow(/TRADELOG_ELECTRON=\/nowhere\/electron/);
  });

  it('TRADELOG_ELECTRON=0/off/false/no turns the project off even when a binary is installed', () => {
    for (const off of ['0', 'off', 'OFF', 'false', 'no']) {
      expect(electronPlan(base({ override: off, detected: '/repo/node_modules/electron/dist/electron' })), off).toBeNull();
    }
  });

  it('needs package.json "main" once a binary is there', () => {
    expect(() => electronPlan(base({ detected: '/e', mainField: undefined }))).toThrow(/"main"/);
    expect(electronPlan(base({ mainField: undefined }))).toBeNull();
  });
});

describe('launchTargetFrom', () => {
  const plan = electronPlan(base({ detected: '/e' }));
  if (plan === null) throw new Error('test setup: no plan');

  it('is browser mode without the key (the config without Electron has no projects)', () => {
    expect(launchTargetFrom(undefined)).toEqual({ mode: 'browser' });
    expect(launchTargetFrom({})).toEqual({ mode: 'browser' });
    expect(launchTargetFrom({ other: 1 })).toEqual({ mode: 'browser' });
  });

  it('round-trips the metadata the config writes', () => {
    expect(launchTargetFrom(electronMetadata(plan))).toEqual({ mode: 'electron', plan });
    // Metadata may travel to the workers as JSON.
    expect(launchTargetFrom(JSON.parse(JSON.stringify(electronMetadata(plan))))).toEqual({ mode: 'electron', plan });
  });

  it('throws on malformed metadata instead of guessing a mode', () => {
    expect(() => launchTargetFrom({ tradelogApp: { mode: 'electron' } })).toThrow(/not a launch target/);
    expect(() => launchTargetFrom({ tradelogApp: { mode: 'electron', plan: { ...plan, args: 'x' } } })).toThrow(/not a launch target/);
    expect(() => launchTargetFrom({ tradelogApp: 'electron' })).toThrow(/not a launch target/);
  });
});
