import type { RendererLink } from '../../main/core/link';

/** A RendererLink for handler tests: records every event main emits; the store is reached directly, never through it. */
export function recordingLink(): { link: RendererLink; events: { event: string; payload: unknown }[] } {
  const events: { event: string; payload: unknown }[] = [];
  const link: RendererLink = {
    onRequest: () => undefined,
    emit: (event, payload) => void events.push({ event, payload }),
    callStore: () => Promise.reject(new Error('not used')),
    storeAvailable: () => true,
    onStoreAvailable: () => () => undefined,
    close: async () => undefined,
  };
  return { link, events };
}
