import type { ErrorPayload } from '../errors';
import type { Reply } from '../ipc/wire';
import type { StoreMethod } from './port';
import type { StoreAnswer, StoreCall } from './protocol';

// shared/ compiles without DOM or Node typings; both hosts (main under Node, the page) have these timers.
type TimerHandle = number | { unref?: () => void };
declare function setTimeout(callback: () => void, ms: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle): void;

interface Pending<Route> {
  resolve: (reply: Reply) => void;
  timer: TimerHandle;
  route: Route;
}

/**
 * The one table of store calls in flight, used by every caller of the store Worker: main over both
 * transports (Electron's MessagePort and browser mode's socket) and the page over its own port
 * (renderer/bridge/journalWriterClient.ts). Call ids, a timeout per call, answers accepted only
 * from the route the call went out on (a reloaded window's new store must not settle the old one's
 * calls), and failing every call at once when its route goes away. `Method` is the served port's
 * method names: main's StorePort, or the page's JournalWriterPort.
 */
export class StoreCalls<Route, Method extends string = StoreMethod> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Route>>();

  constructor(private readonly timeoutMs: number) {}

  /**
   * Sends the call through `send` on `route`; resolves with its answer, a TIMEOUT, or the failure
   * that ended its route. `timeoutMs` overrides the table's for one long call (a restore).
   */
  start(method: Method, args: unknown[], route: Route, send: (call: StoreCall) => void, timeoutMs: number = this.timeoutMs): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'TIMEOUT', message: 'The journal database did not answer in time.' } });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, route });
      send({ id, method, args });
    });
  }

  /** An answer from `route`; unknown ids and answers from another route are ignored. */
  settle(answer: StoreAnswer, route: Route): void {
    const call = this.pending.get(answer.id);
    if (call === undefined || call.route !== route) return;
    clearTimeout(call.timer);
    this.pending.delete(answer.id);
    call.resolve(answer.reply);
  }

  /** Ends the calls in flight (only those on `route`, when given) with `error`. */
  failAll(error: ErrorPayload, route?: Route): void {
    for (const [id, call] of this.pending) {
      if (route !== undefined && call.route !== route) continue;
      clearTimeout(call.timer);
      this.pending.delete(id);
      call.resolve({ ok: false, error });
    }
  }

  get size(): number {
    return this.pending.size;
  }
}
