import type { AdapterCredentials } from '../main/exchange/adapter';
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
  // Anchored to the UTC day: a restart (which starts a fresh simulator) regenerates the very same
  // rows with the same ids and times, so a synced demo journal stays consistent with it.
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return {
    history: {
      // 85 days: Binance serves futures income for 3 months only; inside that every balance reconciles.
      seed: 20_261_122, start: today - 85 * DAY_MS, end: today, listedSpot: 12, listedLinear: 8, tradedSpot: 5, tradedLinear: 3,
      trades: 480, deposits: 8, withdrawals: 4,
    },
    keys: [{ ...DEMO_CREDENTIALS }],
    latencyMs: 15,
  };
}

export interface DemoOptions {
  port?: number;
  /** When set, the demo "trades" a fill or two every this many ms, so background syncs find news. */
  liveFillsEveryMs?: number;
}

export async function startDemoExchange(options: DemoOptions = {}): Promise<DemoExchange> {
  const sim = await startSimulator({ ...demoSimulatorOptions(), ...(options.port === undefined ? {} : { port: options.port }) });
  let timer: NodeJS.Timeout | null = null;
  if (options.liveFillsEveryMs !== undefined && options.liveFillsEveryMs > 0) {
    const tapes = [...sim.state.history.tapes.values()];
    let turn = 0;
    timer = setInterval(() => {
      const tape = tapes[turn++ % tapes.length];
      if (tape !== undefined) sim.addTrades({ marketType: tape.market.marketType, symbol: tape.market.id, count: 1 + (turn % 2) });
    }, options.liveFillsEveryMs);
    // Never keep the app alive just for the demo.
    timer.unref();
  }
  return {
    baseUrl: sim.baseUrl,
    credentials: { ...DEMO_CREDENTIALS },
    close: () => {
      if (timer !== null) clearInterval(timer);
      return sim.close();
    },
  };
}
