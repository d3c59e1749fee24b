/**
 * Runs in Chromium's main thread (bundled by bench/chart-chromium.ts): seeds the candle cache
 * (the app's JournalDb on real IndexedDB) with POSITIONS positions x 1000 candles, then opens each
 * position's chart the way the review does (cache read, chart data, lightweight-charts setData,
 * markers, price lines, fit), timing each open to the second animation frame and observing long tasks.
 */
import { CandlestickSeries, LineStyle, createChart, createSeriesMarkers } from 'lightweight-charts';
import type { ISeriesMarkersPluginApi, Time, UTCTimestamp } from 'lightweight-charts';
import type { Trade } from '../shared/domain/types';
import { TIMEFRAME_MS, type Candle } from '../shared/market/candles';
import { fill } from '../testing/journal/fixtures';
import { chartBars, chartMarkers } from '../renderer/app/journal/review/chartData';
import { cachedCandles, candleSeries, putCandles } from '../renderer/db/market-cache';
import { openJournalDb } from '../renderer/db/schema';

interface Params { positions: number; candles: number }

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

async function run(params: Params): Promise<Record<string, unknown>> {
  const longTasks: number[] = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
  const db = await openJournalDb(`chart-bench-${Date.now()}`);
  const ms = TIMEFRAME_MS['15m'];
  const start = Date.UTC(2025, 0, 1);
  const seeds: { series: string; from: number; to: number; fills: Trade[] }[] = [];
  for (let p = 0; p < params.positions; p++) {
    const series = candleSeries('binance', `C${p}/USDT`, '15m');
    const from = start + p * params.candles * ms;
    const candles: Candle[] = [];
    let price = 100;
    for (let i = 0; i < params.candles; i++) {
      const o = price;
      price *= 1 + (Math.sin(i * 0.37 + p) * 0.004);
      candles.push({ t: from + i * ms, o, h: Math.max(o, price) * 1.002, l: Math.min(o, price) * 0.998, c: price, v: 10 });
    }
    await putCandles(db, series, candles);
    const fills = Array.from({ length: 12 }, (_, k) => fill({ id: `${p}-${k}`, t: from + (300 + k * 30) * ms + 1000, side: k < 6 ? 'buy' : 'sell', price: 100, amount: 1 }));
    seeds.push({ series, from, to: from + (params.candles - 1) * ms, fills });
  }
  const host = document.createElement('div');
  host.style.width = '1100px';
  host.style.height = '380px';
  document.body.append(host);
  await frame();
  longTasks.length = 0;

  const opens: number[] = [];
  let chart: ReturnType<typeof createChart> | null = null;
  let series: ReturnType<ReturnType<typeof createChart>['addSeries']> | null = null;
  let markersApi: ISeriesMarkersPluginApi<Time> | null = null;
  for (const seed of seeds) {
    const t0 = performance.now();
    const candles = await cachedCandles(db, seed.series, seed);
    const bars = chartBars(candles, 'America/New_York');
    const markers = chartMarkers(seed.fills, [], '15m', 'America/New_York');
    if (chart === null) {
      chart = createChart(host, { autoSize: true, timeScale: { timeVisible: true } });
      series = chart.addSeries(CandlestickSeries, {});
      markersApi = createSeriesMarkers(series, []);
    }
    if (series === null || markersApi === null) throw new Error('no series');
    series.setData(bars.map((b) => ({ ...b, time: b.time as UTCTimestamp })));
    markersApi.setMarkers(markers.map((m) => ({ time: m.time as UTCTimestamp, position: m.position, shape: m.shape, color: m.color, text: m.text })));
    for (const line of series.priceLines()) series.removePriceLine(line);
    series.createPriceLine({ price: 100, color: '#1c71d8', lineWidth: 1, lineStyle: LineStyle.Dashed, title: 'avg entry' });
    chart.timeScale().fitContent();
    await frame();
    await frame();
    opens.push(performance.now() - t0);
    if (candles.length !== params.candles) throw new Error(`read ${candles.length} candles, expected ${params.candles}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  db.close();
  const steps = opens.slice(1).sort((a, b) => a - b);
  const r = (n: number): number => Math.round(n * 10) / 10;
  return {
    positions: params.positions, candlesPerChart: params.candles,
    firstOpenMs: r(opens[0] ?? 0), stepOpenMedianMs: r(steps[Math.floor(steps.length / 2)] ?? 0), stepOpenMaxMs: r(steps[steps.length - 1] ?? 0),
    longTasks: longTasks.length, longTasksOver50ms: longTasks.filter((d) => d > 50).length, longestTaskMs: r(Math.max(0, ...longTasks)),
  };
}

(window as unknown as { runBench: (p: Params) => Promise<Record<string, unknown>> }).runBench = run;
