/**
 * Jobs 4 and 6: runs bench/store-chromium.ts (the store benchmark: DexieStore in a dedicated
 * Worker on Chromium's real IndexedDB, persistent profile, with the real renderer/db queries) in
 * its own process with the given flags, and samples the RSS of ITS Chromium renderer processes
 * (descendants of that process with --type=renderer; the worker lives in the renderer process)
 * every 250 ms for the peak. Other engineers' Chromiums on this machine are not counted.
 *   npx tsx bench/chromium.ts [store-chromium flags, e.g. --rows=30000 | --scale --rows=150000]
 * Prints one JSON line: store-chromium's own result plus rendererPeakRssMB and wallMs.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { benchFile, emitResult, main, round } from './lib';

function procTable(): Map<number, { ppid: number; renderer: boolean; rssKb: number }> {
  const table = new Map<number, { ppid: number; renderer: boolean; rssKb: number }>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the ")" of the command: state ppid ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+)/.exec(status);
      table.set(pid, { ppid, renderer: cmdline.includes('--type=renderer'), rssKb: rss?.[1] === undefined ? 0 : Number(rss[1]) });
    } catch {
      // The process ended while we read it.
    }
  }
  return table;
}

/** Sum of the RSS of renderer processes below `root`. */
export function rendererRssKb(root: number): number {
  const table = procTable();
  const children = new Map<number, number[]>();
  for (const [pid, p] of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let sum = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    if (pid === undefined) break;
    const p = table.get(pid);
    if (p?.renderer === true) sum += p.rssKb;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', benchFile('store-chromium.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  let peakKb = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peakKb = Math.max(peakKb, rendererRssKb(child.pid));
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const last = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (code !== 0 || last === undefined) throw new Error(`store-chromium exited with ${code ?? 'signal'}: ${err.slice(-2000)}`);
  const result = JSON.parse(last) as Record<string, unknown>;
  emitResult({ job: 'chromium', args, ...result, rendererPeakRssMB: round(peakKb / 1024, 1), wallMs: round(performance.now() - t0) });
}

main(run);
