/**
 * The dashboard's reads of the stored aggregates in Chromium (real IndexedDB, main thread):
 * bench/review-chromium-page.ts bundled with the app's store and stats code. Goal: dashboard and
 * setup/R stats < 100 ms each at the 333,636 positions of 1M fills, no long task > 50 ms.
 *   npx tsx bench/review-chromium.ts [--positions=333636] [--symbols=40] [--port=47394]
 * Prints one JSON line.
 */
import { fileURLToPath } from 'node:url';
import { argNumber, emitResult, main } from './lib';
import { runPageBench } from './page-runner';

const POSITIONS = argNumber('positions', 333_636);
const SYMBOLS = argNumber('symbols', 40);
const PORT = argNumber('port', 47_394);

main(async () => {
  const { browser, result } = await runPageBench(fileURLToPath(new URL('./review-chromium-page.ts', import.meta.url)), { positions: POSITIONS, symbols: SYMBOLS }, PORT);
  emitResult({ bench: 'review-chromium', browser, ...result });
});
