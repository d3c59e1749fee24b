import { AppError } from '../../shared/errors';
import { BybitAdapter } from '../exchange/bybit/adapter';
import { fetchClosedPnl } from '../exchange/bybit/closed-pnl';
import { startDemoExchange } from '../../simulator/demo';
import { systemClock } from '../sync/clock';
import { createSyncEngine } from '../sync/engine';
import { KlineClient } from '../market/kline-client';
import { MarketDataGate } from '../market/share-gate';
import type { CoreServices } from './appCore';
import { createAdapterFactory } from './adapterFactory';
import type { CoreContext } from './context';
import { DemoService } from './demoService';
import { checkKey } from './keyCheck';

/**
 * The production services behind the handlers: the demo exchange, the adapter factory (keychain
 * and demo resolution), the sync engine, and the connection tester, which sends its requests
 * through the engine's own gate so a test never fires into a pending Retry-After.
 */
export function createCoreServices(ctx: CoreContext): CoreServices {
  const demo = new DemoService(() => startDemoExchange(), ctx.logger.child('demo'));
  const adapters = createAdapterFactory({ credentials: ctx.credentials, demo, redactor: ctx.redactor });
  const engine = createSyncEngine({
    store: ctx.store,
    adapters: (account, gate) => adapters(account, gate),
    emit: (event, payload) => ctx.link.emit(event, payload),
    settings: () => ctx.settings.get(),
    logger: ctx.logger.child('sync'),
  });
  const market = new KlineClient(new MarketDataGate(engine.gate, systemClock), engine.gate, demo);
  return {
    demo,
    market,
    engine: {
      ...engine,
      resetBreaker: (group) => void engine.resetBreaker(group),
    },
    tester: {
      test: async (account, credentials) => {
        const adapter = await adapters(account, engine.gate, credentials);
        return checkKey(adapter);
      },
    },
    closedPnl: {
      read: async (account, since, now) => {
        const adapter = await adapters(account, engine.gate);
        if (!(adapter instanceof BybitAdapter)) throw new AppError('INVALID_INPUT', 'Closed P&L records exist on Bybit only.');
        return fetchClosedPnl(adapter, since, now);
      },
    },
  };
}
