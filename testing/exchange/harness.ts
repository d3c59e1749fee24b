import type { Cursor } from '../../shared/domain/types';
import { DEMO_CREDENTIALS, startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server';
import type { AdapterOptions, ExchangeAdapter, Page } from '../../main/exchange/adapter';
import { createAdapter } from '../../main/exchange/create-adapter';
import { PassThroughGate } from './pass-through-gate';

/** A simulator plus an adapter pointed at it over real loopback HTTP, for tests. */
export interface Harness {
  sim: Simulator;
  gate: PassThroughGate;
  adapter: ExchangeAdapter;
  close(): Promise<void>;
}

export async function startHarness(exchange: 'binance' | 'bybit', simOptions: SimulatorOptions = {}, overrides: Partial<AdapterOptions> = {}): Promise<Harness> {
  const sim = await startSimulator(simOptions);
  const gate = new PassThroughGate();
  const adapter = createAdapter({
    accountId: 'acc-1', exchange, marketTypes: ['spot', 'linear'], testnet: false, baseUrl: sim.baseUrl,
    credentials: { ...DEMO_CREDENTIALS }, gate, timeoutMs: 3000, ...overrides,
  });
  return { sim, gate, adapter, close: () => sim.close() };
}

/** Follows a stream to its end the way the engine does: store `next` after each page. */
export async function walk(fetchPage: (cursor: Cursor | null) => Promise<Page>, start: Cursor | null, maxPages = 400): Promise<{ rows: unknown[]; cursor: Cursor | null; pages: number }> {
  let cursor = start;
  const rows: unknown[] = [];
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await fetchPage(cursor);
    rows.push(...page.rows);
    cursor = page.next;
    if (page.done) return { rows, cursor, pages };
  }
  throw new Error(`stream did not finish within ${maxPages} pages`);
}

export function field(row: unknown, name: string): unknown {
  return typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[name] : undefined;
}

export function infoField(row: unknown, name: string): unknown {
  return field(field(row, 'info'), name);
}
