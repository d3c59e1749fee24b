import { AppError } from '../../shared/errors';
import type { AccountsPort } from '../../shared/store/port';
import type { HandlerContext } from '../core/context';
import type { Handlers } from '../core/router';
import type { Candle } from '../../shared/market/candles';
import type { CandleRequest } from '../market/kline-client';

/** What the handler needs from the market-data client (main/market/kline-client.ts). */
export interface MarketDataPort {
  candles(request: CandleRequest): Promise<Candle[]>;
}

export function marketHandlers(ctx: HandlerContext<Pick<AccountsPort, 'getAccount'>>, market: MarketDataPort): Pick<Handlers, 'market.candles'> {
  return {
    'market.candles': async ({ accountId, symbol, timeframe, from, to }) => {
      const account = await ctx.store.getAccount(accountId);
      if (account === null) throw new AppError('NOT_FOUND', 'That account no longer exists.');
      return { candles: await market.candles({ account, symbol, timeframe, from, to }) };
    },
  };
}
