/**
 * What a commit costs when its fills close positions (fake-indexeddb, Node): a sync-like stream of
 * futures round trips over several symbols, committed in time order through DexieStore.commitBatch
 * (trades, trade stats, positions and everything kept with them in one transaction). Run on two
 * revisions to see what a change to that transaction costs per commit (docs/BENCHMARKS.md).
 *   npx tsx bench/position-upkeep.ts [--fills=20000] [--batch=200] [--symbols=20]
 * Prints one JSON line: commits, ms per commit (median, p90; and CPU ms per commit, steadier on a
 * loaded machine), fills per second, positions.
 */
import { performance } from 'node:perf_hooks';
import type { Trade } from '../shared/domain/types';
import { fill } from '../testing/journal/fixtures';
import { DexieStore } from '../renderer/db/dexie-store';
import { makeBatch, makeLog, newTestDb } from '../testing/db/test-support';
import { argNumber } from './lib';

const FILLS = argNumber('fills', 20_000);
const BATCH = argNumber('batch', 200);
const SYMBOLS = argNumber('symbols', 20);

/** Round trips of 2..4 fills per symbol, ~one fill a minute per symbol, merged in time order. */
function stream(): Trade[] {
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const out: Trade[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let s = 0; s < SYMBOLS; s++) {
    let t = start;
    let open = 0;
    let legs = 0;
    const symbol = `C${s}/USDT:USDT`;
    for (let i = 0; i < FILLS / SYMBOLS; i++) {
      t += 20_000 + Math.floor(rnd() * 80_000);
      const closing = legs >= 1 && (legs >= 3 || rnd() < 0.5);
      const amount = closing ? open : 1 + Math.floor(rnd() * 3);
      out.push(fill({ id: `${s}-${i}`, t, side: closing ? 'sell' : 'buy', price: 100 + rnd(), amount, symbol, fee: 0.01 }));
      open = closing ? 0 : open + amount;
      legs = closing ? 0 : legs + 1;
    }
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

async function run(): Promise<void> {
  const fills = stream();
  const db = newTestDb('position-upkeep');
  const store = new DexieStore(db, { now: () => 0 });
  await store.putSyncLog(makeLog());
  const ms: number[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < fills.length; i += BATCH) {
    const t = performance.now();
    await store.commitBatch(makeBatch(`b${i}`, fills.slice(i, i + BATCH)));
    ms.push(performance.now() - t);
  }
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const positions = await db.positions.count();
  store.close();
  ms.sort((a, b) => a - b);
  const at = (q: number): number => Math.round((ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0) * 10) / 10;
  console.log(JSON.stringify({
    bench: 'position-upkeep', fills: fills.length, batch: BATCH, symbols: SYMBOLS, commits: ms.length, positions,
    commitMedianMs: at(0.5), commitP90Ms: at(0.9), fillsPerSec: Math.round(fills.length / (totalMs / 1000)),
    // CPU time (user + system) of the process: steadier than wall time on a shared machine.
    cpuMsPerCommit: Math.round((cpu.user + cpu.system) / 1000 / ms.length * 10) / 10,
  }));
}

void run();
