/**
 * What the engine benches ask of the simulator besides HTTP: its request log, its ground truth and
 * new fills between syncs. The same methods in-process and in the simulator's own process
 * (bench/sim-process.ts answers them over the IPC channel), so a bench reads the same either way.
 */
import type { SimHistory, SimTrade, Simulator } from '../simulator';
import type { AddTradesRequest } from '../simulator/state';

/** One request of the simulator's log (the fields the benches read). */
export interface SimLogEntry {
  path: string;
  params: Record<string, unknown>;
  weight: number;
  status: number;
  at: number;
}

export interface SimControl {
  requestLog(): Promise<SimLogEntry[]>;
  clearLog(): Promise<void>;
  groundTruth(): Promise<SimHistory>;
  addTrades(request: AddTradesRequest): Promise<SimTrade[]>;
  addRoundTrip(symbol: string): Promise<SimTrade[]>;
  /** Spot wallet totals per asset as the exchange holds them now. */
  spotBalances(): Promise<Record<string, number>>;
}

export const SIM_CONTROL_METHODS = ['requestLog', 'clearLog', 'groundTruth', 'addTrades', 'addRoundTrip', 'spotBalances'] as const satisfies readonly (keyof SimControl)[];

export function simControl(sim: Simulator): SimControl {
  return {
    requestLog: () => Promise.resolve(sim.requestLog.entries.map(({ path, params, weight, status, at }) => ({ path, params, weight, status, at }))),
    clearLog: () => Promise.resolve(sim.requestLog.clear()),
    groundTruth: () => Promise.resolve(sim.groundTruth()),
    addTrades: (request) => Promise.resolve(sim.addTrades(request)),
    addRoundTrip: (symbol) => Promise.resolve(sim.state.addRoundTrip(symbol)),
    spotBalances: () => Promise.resolve(Object.fromEntries(sim.state.wallets().binanceSpot)),
  };
}
