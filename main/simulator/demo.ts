import type { AdapterCredentials } from '../exchange/adapter';
import { DEMO_CREDENTIALS, startSimulator, type SimulatorOptions } from './server';

/**
 * The "demo" exchange: the simulator in-process with a pleasant history (a few hundred trades
 * over several symbols and months, spot and USD-M, with funding, deposits and withdrawals).
 * The app then uses the Binance adapter with `baseUrl` pointed here.
 */

const DAY_MS = 86_400_000;

export interface DemoExchange {
  baseUrl: string;
  credentials: AdapterCredentials;
  close(): Promise<void>;
}

export function demoSimulatorOptions(now: number = Date.now()): SimulatorOptions {
  return {
    history: {
      seed: 20_261_122, start: now - 150 * DAY_MS, end: now - 60_000, listedSpot: 12, listedLinear: 8, tradedSpot: 5, tradedLinear: 3,
      trades: 480, deposits: 8, withdrawals: 4,
    },
    keys: [{ ...DEMO_CREDENTIALS }],
    latencyMs: 15,
  };
}

export async function startDemoExchange(options: { port?: number } = {}): Promise<DemoExchange> {
  const sim = await startSimulator({ ...demoSimulatorOptions(), ...(options.port === undefined ? {} : { port: options.port }) });
  return { baseUrl: sim.baseUrl, credentials: { ...DEMO_CREDENTIALS }, close: () => sim.close() };
}
