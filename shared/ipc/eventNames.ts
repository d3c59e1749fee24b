import type { EventName } from './contract';

/**
 * The runtime list of main -> renderer events. Kept apart from contract.ts (which carries the zod
 * request schemas) so the sandboxed preload can check event names without bundling zod.
 */
export const EVENT_NAMES = [
  'diagnostics.pong', 'job.updated', 'sync.progress', 'engine.status', 'account.changed', 'notice', 'ui.focusAccount',
] as const satisfies readonly EventName[];

type _EventsListed = Exclude<EventName, (typeof EVENT_NAMES)[number]> extends never ? true : never;
const _eventsListed: _EventsListed = true;
void _eventsListed;

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
