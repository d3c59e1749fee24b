/**
 * Opening a position's chart in Chromium: bench/chart-chromium-page.ts bundled with the app's own
 * chart data code, candle cache (Dexie on real IndexedDB) and lightweight-charts, run on the page's
 * main thread. Goal: no long task > 50 ms while charts open; each open to its second frame timed.
 *   npx tsx bench/chart-chromium.ts [--positions=20] [--candles=1000] [--port=47393]
 * Prints one JSON line.
 */
import { fileURLToPath } from 'node:url';
import { argNumber, emitResult, main } from './lib';
import { runPageBench } from './page-runner';

const POSITIONS = argNumber('positions', 20);
const CANDLES = argNumber('candles', 1000);
const PORT = argNumber('port', 47_393);

main(async () => {
  const { browser, result } = await runPageBench(fileURLToPath(new URL('./chart-chromium-page.ts', import.meta.url)), { positions: POSITIONS, candles: CANDLES }, PORT);
  emitResult({ bench: 'chart-chromium', browser, ...result });
});
