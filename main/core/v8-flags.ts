import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings of the core process (the process that runs the sync engine): Electron's main process
 * (main/electron/main.ts) and browser mode's Node process (main/browser/start.ts) apply them at
 * start, and bench/memory.ts applies the same list, so the engine-memory figures are the product's.
 *
 * `--heap-growing-percent=30`: after each full GC V8 lets the old generation grow to the live heap
 * times a factor of its choosing (up to 4x while allocation is fast, as in a sync at 50-90k
 * trades/s); a sync's garbage is a page's parsed rows promoted before they die, so the peak was
 * the live heap (~66 MB) times that factor. 1.3x keeps the peak RSS growth over a 1M-trade sync at
 * about half of what the default gave, for no measurable loss of speed (docs/BENCHMARKS.md, "Engine
 * memory at 1,000,000 trades"). V8 reads this flag each time it sets the next limit, so setting it
 * at run time, before the engine starts, is enough.
 */
export const CORE_V8_FLAGS: readonly string[] = ['--heap-growing-percent=30'];

export function applyCoreV8Flags(): void {
  for (const flag of CORE_V8_FLAGS) setFlagsFromString(flag);
}
