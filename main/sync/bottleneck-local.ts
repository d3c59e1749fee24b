import Bottleneck from 'bottleneck';

/**
 * A Bottleneck limiter whose local datastore does not wait for the timer queue between its steps.
 *
 * Bottleneck's LocalDatastore awaits `yieldLoop()` (a `setTimeout(0)`) in every store operation,
 * to behave like its Redis datastore; a job goes through several of them between `schedule` and
 * running. That was 3.4 ms per request on an idle thread and more on a busy one (every hop waits
 * for a timers phase): on the small account about 8 % of each 40 ms round trip, and 5 % of the
 * whole first sync (docs/BENCHMARKS.md, "Small account: where the time went"). A resolved promise
 * keeps the order of the steps (each still runs after the current one returns) without the timer.
 *
 * `yieldLoop` is internal to Bottleneck 2.x (2.19.5, its last release); package.json pins that
 * version, and bottleneck-local.test.ts fails if the hook is gone, so an upgrade cannot quietly
 * bring the timers back.
 */
export function createLocalBottleneck(options: Bottleneck.ConstructorOptions): Bottleneck {
  const limiter = new Bottleneck({ ...options, datastore: 'local' });
  const store = (limiter as unknown as { _store?: { yieldLoop?: unknown } })._store;
  if (store === undefined || typeof store.yieldLoop !== 'function') throw new Error('Bottleneck: the local datastore has no yieldLoop to replace.');
  store.yieldLoop = (): Promise<void> => Promise.resolve();
  return limiter;
}
