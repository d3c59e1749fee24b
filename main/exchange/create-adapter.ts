import { assertNever } from '../../shared/never';
import { AppError } from '../../shared/errors';
import type { AdapterOptions, ExchangeAdapter } from './adapter';
import { BinanceAdapter } from './binance/adapter';
import { BybitAdapter } from './bybit/adapter';

/**
 * The one way the engine gets an adapter. 'demo' is the Binance adapter pointed at the in-process
 * simulator (startDemoExchange() gives the base URL and credentials), so it must have a base URL.
 */
export function createAdapter(options: AdapterOptions): ExchangeAdapter {
  switch (options.exchange) {
    case 'binance':
      return new BinanceAdapter(options);
    case 'bybit':
      return new BybitAdapter(options);
    case 'demo':
      if (options.baseUrl === null) throw new AppError('INVALID_INPUT', 'The demo exchange needs the simulator base URL.');
      return new BinanceAdapter({ ...options, testnet: false });
    default:
      return assertNever(options.exchange, 'exchange');
  }
}
