/** A tiny dependency-free SVG bar chart for the activity page's small multiples. */
export interface Bar {
  label: string;
  value: number | null;
}

export function BarChart({ bars, max, format, height = 64, testId }: { bars: Bar[]; max?: number; format: (v: number) => string; height?: number; testId?: string }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const width = Math.max(bars.length * 18, 120);
  return (
    <svg className="barchart" viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" data-testid={testId}>
      {bars.map((bar, i) => {
        const h = bar.value === null ? 0 : Math.max(1, (bar.value / top) * (height - 4));
        return (
          <g key={bar.label}>
            <title>{`${bar.label}: ${bar.value === null ? 'no data' : format(bar.value)}`}</title>
            <rect x={i * 18 + 3} y={height - h} width={12} height={h} rx={2} className={bar.value === null ? 'bar-empty' : 'bar-fill'} />
          </g>
        );
      })}
    </svg>
  );
}
