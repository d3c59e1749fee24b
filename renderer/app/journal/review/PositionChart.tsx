import { useEffect, useRef } from 'react';
import { CandlestickSeries, LineStyle, createChart, createSeriesMarkers } from 'lightweight-charts';
import type { IChartApi, IPriceLine, ISeriesApi, ISeriesMarkersPluginApi, Time, UTCTimestamp } from 'lightweight-charts';
import type { ChartBar, ChartMarker } from './chartData';

export interface PriceLevel {
  price: number;
  title: string;
  color: string;
  dashed: boolean;
}

/**
 * TradingView's lightweight-charts candlesticks with the position's fills and funding as markers
 * and its average entry/exit and stop as price lines. The chart is created once per mount; new
 * data replaces the series' data (no re-creation), so stepping through positions stays cheap.
 */
export function PositionChart({ bars, markers, levels }: { bars: readonly ChartBar[]; markers: readonly ChartMarker[]; levels: readonly PriceLevel[] }) {
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<'Candlestick'>; markers: ISeriesMarkersPluginApi<Time>; lines: IPriceLine[] } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (el === null) return undefined;
    const api = createChart(el, {
      height: 380,
      autoSize: true,
      // Neutral greys that read on the app's light and dark themes alike.
      layout: { background: { color: 'transparent' }, textColor: '#8a8f98' },
      grid: { vertLines: { color: 'rgba(128, 128, 128, 0.15)' }, horzLines: { color: 'rgba(128, 128, 128, 0.15)' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    const series = api.addSeries(CandlestickSeries, { upColor: '#26a269', downColor: '#c01c28', borderVisible: false, wickUpColor: '#26a269', wickDownColor: '#c01c28' });
    chart.current = { api, series, markers: createSeriesMarkers(series, []), lines: [] };
    return () => {
      chart.current = null;
      api.remove();
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (c === null) return;
    c.series.setData(bars.map((b) => ({ ...b, time: b.time as UTCTimestamp })));
    c.markers.setMarkers(markers.map((m) => ({ time: m.time as UTCTimestamp, position: m.position, shape: m.shape, color: m.color, text: m.text })));
    for (const line of c.lines) c.series.removePriceLine(line);
    c.lines = levels.map((l) => c.series.createPriceLine({ price: l.price, color: l.color, lineWidth: 1, lineStyle: l.dashed ? LineStyle.Dashed : LineStyle.Solid, axisLabelVisible: true, title: l.title }));
    c.api.timeScale().fitContent();
  }, [bars, markers, levels]);

  return (
    <div
      ref={host}
      className="jr-chart"
      data-testid="position-chart"
      data-bars={bars.length}
      data-fill-markers={markers.filter((m) => m.kind === 'fill').length}
      data-funding-markers={markers.filter((m) => m.kind === 'funding').length}
    />
  );
}
