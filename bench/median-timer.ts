/**
 * Runs a step `runs` times and keeps its last value, the median and the max duration (ms, one
 * decimal). No Node imports: Chromium page benches bundle it too.
 */
export async function timeRuns<T>(fn: () => T | Promise<T>, runs = 5): Promise<{ value: T; medianMs: number; maxMs: number }> {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  if (value === undefined) throw new Error('no run');
  const tenth = (x: number): number => Math.round(x * 10) / 10;
  return { value, medianMs: tenth(ms[Math.floor(runs / 2)] ?? 0), maxMs: tenth(ms[runs - 1] ?? 0) };
}
