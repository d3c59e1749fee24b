import type { Handlers } from '../core/router';
import type { CoreContext } from '../core/context';

export function settingsHandlers(ctx: CoreContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': async () => ctx.settings.load(),
    'settings.update': async (patch) => {
      await ctx.settings.load();
      return ctx.settings.update(patch);
    },
  };
}
