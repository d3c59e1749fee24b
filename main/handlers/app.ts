import type { Handlers } from '../core/router';
import type { CoreContext } from '../core/context';

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info' | 'diagnostics.ping'> {
  return {
    'app.info': async () => ({ name: 'Tradelog', version: ctx.version, host: ctx.host, platform: ctx.platform }),
    // Round-trips a request and an event: the cheapest end-to-end proof that the link works.
    'diagnostics.ping': async ({ nonce }) => {
      const receivedAt = ctx.clock();
      ctx.link.emit('diagnostics.pong', { nonce, at: receivedAt });
      return { nonce, receivedAt };
    },
  };
}
