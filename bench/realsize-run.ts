/**
 * The real-size part of `npm run bench` (bench/run.ts): the engine (bench/realsize.ts) at the
 * exchange's default limits and again (800 listed spot symbols) while exchangeInfo announces a
 * lower spot limit (1,200 per window, Binance's spot limit before 2023), then the plain ccxt loop (bench/plain-ccxt.ts
 * `--realsize`) on the same scenario. Returns the table rows (figure, goal, verdict) and the
 * figures for the JSON line. Goals: docs/BENCHMARKS.md, "Real-size account".
 */
import { etaHonest, etaLine, round, type EtaAccuracy } from './lib';

type TimedJob = <T>(name: string, file: string, args: readonly string[]) => Promise<T>;

interface Phase {
  status: string;
  wallMs: number;
  requests: number;
  weightByBucket: Record<string, number>;
  http429: number;
  http418: number;
}
interface Minimal { requests: number; weightByBucket: Record<string, number>; boundMs: number; boundAtFullLimitMs: number; ratio: number; ratioAtFullLimit: number }
interface Windows { requests: number; weight: number; spanned: number; used: number; idleBeforeLast: number; full: number; meanFill: number; lastAtMs: number }
interface First extends Phase {
  error: string | null; truth: number; stored: number; found: number; missing: number; weight: number; ratioToBound: number;
  budgetShare: number; minimal: Minimal; oracle: Minimal; windows: Record<string, Windows>; eta: EtaAccuracy;
}
interface Realsize {
  shape: Record<string, number>;
  first: First;
  nothingNew?: Phase;
  fewNew?: Phase & { added: number; symbols: string[]; missing: number; allFound: boolean };
}
interface Plain { ccxt: string; symbols: number; inactiveSymbols: number; truth: number; trades: number; missing: number; wallMs: number; requests: number; weight: number; http429: number; http418: number; rateLimitErrors: number }

export type Row = [string, string, string, string];

/** The IP-weighed buckets (the per-UID convert budget is reported apart). */
const IP_BUCKETS = ['api', 'fapi', 'sapi'] as const;

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

const pct = (share: number): string => `${round(share * 100)} %`;

function bound(m: Minimal, share: number): string {
  return `${m.requests} req (${weights(m.weightByBucket)}): bound ${round(m.boundMs / 1000, 2)} s at ${pct(share)} = ${m.ratio}x (${round(m.boundAtFullLimitMs / 1000, 2)} s at 100 % = ${m.ratioAtFullLimit}x)`;
}

/** Per IP bucket: windows used of those spanned, idle ones before its last request, full ones, mean fill, when it ended. */
function windowsLine(w: Record<string, Windows>): string {
  return IP_BUCKETS.filter((b) => w[b] !== undefined).map((b) => {
    const x = w[b] as Windows;
    return `${b} ${x.requests} req, ${x.used}/${x.spanned} windows used (${x.idleBeforeLast} idle before its last request, ${x.full} full, mean fill ${pct(x.meanFill)}), last request at ${round(x.lastAtMs / 1000, 1)} s`;
  }).join('; ');
}

function weights(w: Record<string, number>): string {
  return Object.entries(w).map(([b, n]) => `${b} ${n}`).join(', ');
}

export async function runRealsize(timedJob: TimedJob, flags: readonly string[]): Promise<{ rows: Row[]; figures: Record<string, unknown>; goals: Record<string, boolean> }> {
  const engine = await timedJob<Realsize>('real-size first sync + re-syncs', 'realsize.ts', flags);
  // The lower limit makes the spot weight, not CPU, the bottleneck: 800 listed spot symbols (~900
  // with the delisted ones) already need 17 windows of 1,200; the full listing would need 46
  // (~4 min) and is proven in main/sync/realsize.integration.test.ts.
  const lowerSpot = flags.some((f) => f.startsWith('--spot=')) ? [] : ['--spot=800'];
  const lower = await timedJob<Realsize>('real-size first sync, announced limit 1,200', 'realsize.ts', [...flags, ...lowerSpot, '--announce-api=1200', '--first-only']);
  const plain = await timedJob<Plain>('real-size plain ccxt loop', 'plain-ccxt.ts', ['--realsize', ...flags]);
  const f = engine.first;
  const speedup = round(plain.wallMs / f.wallMs, 2);
  const quietWeight = Math.max(0, ...IP_BUCKETS.map((b) => engine.nothingNew?.weightByBucket[b] ?? 0));
  const g = {
    realsizeFirstSync: f.status === 'SUCCEEDED' && f.ratioToBound <= 1.1 && f.http429 + f.http418 === 0 && f.missing === 0,
    realsizeLowerLimit: lower.first.status === 'SUCCEEDED' && lower.first.http429 + lower.first.http418 === 0 && lower.first.missing === 0,
    realsizeEta: etaHonest(f.eta),
    realsizeSpeedup: speedup >= 2 && f.found >= plain.trades,
    realsizeNothingNew: engine.nothingNew !== undefined && engine.nothingNew.wallMs < 5000 && quietWeight < 100,
    realsizeFewNew: engine.fewNew?.allFound === true,
  };
  const s = engine.shape;
  const size = `${s['listedSpot']} spot (${s['delistedSpot']} BREAK) + ${s['listedLinear']} USD-M listed, ${f.truth} fills; windows ${s['windowMs']} ms (x${s['speed']}), latency ${s['latencyMs']} ms`;
  const rows: Row[] = [
    ['real-size account', size, '-', '-'],
    ['real-size first sync', `${round(f.wallMs / 1000, 1)} s; minimal complete fetch ${bound(f.minimal, f.budgetShare)}; sent ${f.requests} req (${weights(f.weightByBucket)}); 429/418 ${f.http429}/${f.http418}; fills ${f.found}/${f.truth}`, '<= 1.1x bound at the budget share, 0 429/418, all fills', verdict(g.realsizeFirstSync)],
    ['real-size first sync: where the wall went', windowsLine(f.windows), '-', '-'],
    ['real-size first sync vs an oracle (reference)', `knowing the traded symbols: ${bound(f.oracle, f.budgetShare)}; no API names them`, '-', '-'],
    ['real-size first sync ETA', etaLine(f.eta), 'within +-20 % at 25/50/75 %', verdict(g.realsizeEta)],
    ['real-size, announced 1,200/window', `${lower.shape['listedSpot']} spot + ${lower.shape['listedLinear']} USD-M listed: ${round(lower.first.wallMs / 1000, 1)} s = ${lower.first.ratioToBound}x its bound; 429/418 ${lower.first.http429}/${lower.first.http418}; fills ${lower.first.found}/${lower.first.truth}`, '0 429/418, all fills', verdict(g.realsizeLowerLimit)],
    ['real-size plain ccxt loop', `${round(plain.wallMs / 1000, 1)} s over ${plain.symbols} markets (${plain.inactiveSymbols} inactive), ${plain.requests} req, 429/418 ${plain.http429}/${plain.http418}; fills ${plain.trades}/${plain.truth}; engine speed-up ${speedup}x`, '>= 2x, completeness >= plain', verdict(g.realsizeSpeedup)],
    ['real-size re-sync, nothing new', engine.nothingNew === undefined ? 'not run' : `${round(engine.nothingNew.wallMs / 1000, 2)} s, ${engine.nothingNew.requests} req, weight ${weights(engine.nothingNew.weightByBucket)}`, '< 5 s, < 100 IP weight per bucket', verdict(g.realsizeNothingNew)],
    ['real-size re-sync, 3 symbols new', engine.fewNew === undefined ? 'not run' : `${engine.fewNew.added} fills on ${engine.fewNew.symbols.join(', ')}: ${round(engine.fewNew.wallMs / 1000, 2)} s, ${engine.fewNew.requests} req, missing ${engine.fewNew.missing}`, 'all found', verdict(g.realsizeFewNew)],
  ];
  return { rows, figures: { realsize: { engine, lowerLimit: { shape: lower.shape, ...lower.first }, plain, speedup } }, goals: g };
}
