import { test } from '@playwright/test';
import { launchTargetFrom } from './electron-plan';
import type { LaunchTarget } from './electron-plan';

export type AppMode = LaunchTarget['mode'];

/**
 * The target of the running project, read from its metadata (playwright.config.ts). Works in
 * tests, hooks and modifier callbacks; the specs never fork on a project name.
 */
export function launchTarget(): LaunchTarget {
  return launchTargetFrom(test.info().project.metadata);
}

export function appMode(): AppMode {
  return launchTarget().mode;
}

/**
 * Marks the enclosing file or describe block as browser-mode only. The callback form runs per
 * test, so in the Electron project its beforeAll never runs (no app is launched for nothing);
 * afterAll hooks still do, so they must tolerate an app that was never started.
 */
export function browserModeOnly(reason: string): void {
  test.skip(() => appMode() === 'electron', reason);
}
