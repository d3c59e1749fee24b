/**
 * The topology an engine bench runs in (bench/first-sync.ts, incremental.ts, realsize.ts). By
 * default the app's: the engine alone on its thread, the journal store in another thread reached
 * through main/core/remoteStore.ts (bench/store-host.ts), the exchange in another process
 * (bench/sim-host.ts). `--in-process` puts both back on the engine's thread, as the benches ran
 * before (docs/BENCHMARKS.md, "Bench topology").
 */
import type { SimulatorOptions } from '../simulator';
import { argFlag } from './lib';
import { startChildSim, startInProcessSim, type SimHost } from './sim-host';
import { startInProcessStore, startWorkerStore, type HostedStore } from './store-host';

export interface BenchRig {
  sim: SimHost;
  store: HostedStore;
  /** Where each side ran, for the bench's JSON line. */
  topology: { store: string; simulator: string };
  close(): Promise<void>;
}

/** `--in-process`: store and simulator on the engine's thread (the topology before, for comparison). */
export function inProcessFlag(): boolean {
  return argFlag('in-process');
}

export function startBenchSim(options: SimulatorOptions, inProcess = inProcessFlag()): Promise<SimHost> {
  return inProcess ? startInProcessSim(options) : startChildSim(options);
}

export function startBenchStore(dbName: string, inProcess = inProcessFlag()): Promise<HostedStore> {
  return inProcess ? Promise.resolve(startInProcessStore(dbName)) : startWorkerStore(dbName);
}

export async function startRig(simOptions: SimulatorOptions, dbName: string, inProcess = inProcessFlag()): Promise<BenchRig> {
  const [sim, store] = await Promise.all([startBenchSim(simOptions, inProcess), startBenchStore(dbName, inProcess)]);
  return {
    sim, store, topology: { store: store.where, simulator: sim.where },
    close: async () => {
      await Promise.all([sim.close(), store.close()]);
    },
  };
}
