import { binance, bybit, type Exchange } from 'ccxt';
import type { MarketType } from '../../shared/domain/types';
import type { AdapterCredentials } from './adapter';
import { rewriteApiUrls } from './urls';

/**
 * Builds a ccxt instance configured for the engine: throttler off (the engine's gate
 * paces), markets restricted to what we sync, clock offset synced in loadMarkets, testnet through
 * ccxt's own switch, and an optional base URL that replaces every API origin.
 */

export interface CcxtOptions {
  credentials: AdapterCredentials | null;
  marketTypes: readonly MarketType[];
  testnet: boolean;
  baseUrl: string | null;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function credentials(c: AdapterCredentials | null): { apiKey?: string; secret?: string } {
  return c === null ? {} : { apiKey: c.apiKey, secret: c.secret };
}

function finish(exchange: Exchange, options: CcxtOptions): Exchange {
  if (options.testnet) exchange.setSandboxMode(true);
  if (options.baseUrl !== null) exchange.urls.api = rewriteApiUrls(exchange.urls.api, options.baseUrl);
  return exchange;
}

export function createBinanceCcxt(options: CcxtOptions): Exchange {
  const exchange = new binance({
    ...credentials(options.credentials),
    enableRateLimit: false,
    timeout: options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
    options: {
      fetchMarkets: { types: [...options.marketTypes] },
      fetchCurrencies: false,
      fetchMargins: false,
      adjustForTimeDifference: true,
      recvWindow: 10_000,
    },
  });
  return finish(exchange, options);
}

export function createBybitCcxt(options: CcxtOptions): Exchange {
  const exchange = new bybit({
    ...credentials(options.credentials),
    enableRateLimit: false,
    timeout: options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS,
    has: { fetchCurrencies: false },
    options: {
      fetchMarkets: { types: [...options.marketTypes] },
      adjustForTimeDifference: true,
      recvWindow: 10_000,
    },
  });
  return finish(exchange, options);
}

/**
 * ccxt imports its HTTP client (the `undici` package) when an instance sends its first request;
 * that import took about 100 ms of the first sync after a start. The core asks for it once at
 * start (main/core/appCore.ts), so no sync waits for it: later instances find the module loaded.
 */
export async function preloadHttpClient(): Promise<void> {
  await new binance({}).loadFetchImplementation();
}
