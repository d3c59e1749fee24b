import { isAbsolute, resolve } from 'node:path';

/**
 * Which app the e2e specs drive: browser mode (the core under Node, the UI in Chromium) or the
 * Electron app through Playwright's `_electron`. Pure functions of their inputs, so the choice is
 * unit-tested here (electron-plan.test.ts) although no Electron binary can be installed on CI.
 */

export interface ElectronPlan {
  /** The Electron binary Playwright launches (`executablePath`: never `require('electron')`). */
  executablePath: string;
  /**
   * Launch arguments: the app folder, as `npm start` runs it (`electron .`). Electron then reads
   * package.json (name, version, `main` = the built entry), so the app sees what a user's does.
   */
  args: string[];
  /** The app folder (launch cwd). */
  appDir: string;
  /** The built main entry package.json points at; `npm run build:electron` writes it. */
  mainEntry: string;
  /** Where the binary came from, for error messages. */
  source: 'TRADELOG_ELECTRON' | 'node_modules/electron';
}

export interface ElectronPlanInput {
  /** TRADELOG_ELECTRON: a binary path; `0`/`off`/`false`/`no` turns the project off; unset = detect. */
  override: string | undefined;
  /** What scripts/electron-binary.mjs found under node_modules/electron (null: no binary). */
  detected: string | null;
  appDir: string;
  /** package.json `main`. */
  mainField: string | undefined;
  exists(path: string): boolean;
}

const OFF = new Set(['0', 'off', 'false', 'no']);

/** null: no Electron project at all (the run is browser mode only, exactly as without Electron). */
export function electronPlan(input: ElectronPlanInput): ElectronPlan | null {
  const override = input.override?.trim() ?? '';
  if (OFF.has(override.toLowerCase())) return null;
  let executablePath: string;
  let source: ElectronPlan['source'];
  if (override !== '') {
    executablePath = isAbsolute(override) ? override : resolve(input.appDir, override);
    // Asked for explicitly: a wrong path must fail the run, not quietly drop the Electron project.
    if (!input.exists(executablePath)) throw new Error(`TRADELOG_ELECTRON=${override}: no Electron binary at ${executablePath}.`);
    source = 'TRADELOG_ELECTRON';
  } else if (input.detected !== null) {
    executablePath = input.detected;
    source = 'node_modules/electron';
  } else {
    return null;
  }
  if (input.mainField === undefined || input.mainField.trim() === '') {
    throw new Error('package.json has no "main": Electron would not know which built entry to run.');
  }
  return { executablePath, args: [input.appDir], appDir: input.appDir, mainEntry: resolve(input.appDir, input.mainField), source };
}

export type LaunchTarget = { mode: 'browser' } | { mode: 'electron'; plan: ElectronPlan };

/** The key under which playwright.config.ts puts the target into a project's `metadata`. */
export const TARGET_KEY = 'tradelogApp';

/** The project metadata that makes a project drive the Electron app. */
export function electronMetadata(plan: ElectronPlan): Record<string, unknown> {
  return { [TARGET_KEY]: { mode: 'electron', plan } };
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function isPlan(value: unknown): value is ElectronPlan {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.executablePath === 'string' && isStringArray(p.args) && typeof p.appDir === 'string' && typeof p.mainEntry === 'string' &&
    (p.source === 'TRADELOG_ELECTRON' || p.source === 'node_modules/electron');
}

/**
 * Reads a project's metadata back in the worker. No key = browser mode (the config without an
 * Electron binary defines no projects at all); anything malformed is a config bug and throws.
 */
export function launchTargetFrom(metadata: unknown): LaunchTarget {
  const entry = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)[TARGET_KEY] : undefined;
  if (entry === undefined) return { mode: 'browser' };
  const target = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  if (target.mode === 'electron' && isPlan(target.plan)) return { mode: 'electron', plan: target.plan };
  throw new Error(`project metadata.${TARGET_KEY} is not a launch target: ${JSON.stringify(entry)}`);
}
