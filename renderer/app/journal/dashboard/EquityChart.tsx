import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EquityPoint } from '../../../../shared/journal/stats';

/** uPlot x values are seconds; several closes in one second are kept (uPlot allows equal x). */
export function equitySeries(points: readonly Pick<EquityPoint, 't' | 'equity' | 'drawdown'>[]): [number[], number[], number[]] {
  return [points.map((p) => p.t / 1000), points.map((p) => p.equity), points.map((p) => -p.drawdown)];
}

/** Equity curve (cumulative net P&L by close time) with the drawdown under it. Canvas, so thousands of points stay cheap. */
export function EquityChart({ points }: { points: readonly Pick<EquityPoint, 't' | 'equity' | 'drawdown'>[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (el === null || points.length === 0) return;
    const css = getComputedStyle(document.documentElement);
    const good = css.getPropertyValue('--accent').trim() || '#4f8cff';
    const bad = css.getPropertyValue('--bad').trim() || '#ff5d6c';
    const axis = { stroke: css.getPropertyValue('--muted').trim() || '#8b97b0', grid: { stroke: 'rgba(139,151,176,0.15)' }, ticks: { stroke: 'rgba(139,151,176,0.25)' } };
    const plot = new uPlot({
      width: Math.max(320, el.clientWidth),
      height: 260,
      scales: { x: { time: true } },
      axes: [axis, { ...axis, size: 80 }],
      series: [
        {},
        { label: 'Equity', stroke: good, width: 2 },
        { label: 'Drawdown', stroke: bad, fill: 'rgba(255,93,108,0.12)', width: 1 },
      ],
    }, equitySeries(points), el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points]);
  if (points.length === 0) return <p className="muted small">No closed positions in this range.</p>;
  return <div ref={host} className="jr-equity" data-testid="equity-chart" />;
}
