import type { Handlers } from '../core/router';
import type { SyncEnginePort } from '../core/ports';

type SyncChannels = 'sync.request' | 'sync.requestAll' | 'sync.cancel' | 'sync.status' | 'sync.setBackgroundPaused' | 'sync.resetBreaker';

export function syncHandlers(engine: SyncEnginePort): Pick<Handlers, SyncChannels> {
  return {
    'sync.request': async ({ accountId, mode, since, force }) => engine.request({ accountId, mode, since, force, requestedBy: 'manual' }),
    'sync.requestAll': async ({ mode }) => ({ jobs: await engine.requestAll(mode, 'manual') }),
    'sync.cancel': async ({ jobId }) => ({ cancelled: await engine.cancel(jobId) }),
    'sync.status': async () => engine.status(),
    'sync.setBackgroundPaused': async ({ paused }) => {
      engine.setBackgroundPaused(paused);
      return engine.status();
    },
    'sync.resetBreaker': async ({ group }) => {
      engine.resetBreaker(group);
      return engine.status();
    },
  };
}
