import type { ErrorPayload } from '../../shared/errors';
import type { Reply } from '../../shared/ipc/wire';
import type { StoreMethod } from '../../shared/store/port';
import type { StoreAnswer, StoreCall } from '../../shared/store/protocol';

interface Pending<Route> {
  resolve: (reply: Reply) => void;
  timer: NodeJS.Timeout;
  route: Route;
}

/**
 * Main's table of store calls in flight, shared by both transports (Electron's MessagePort and
 * browser mode's socket): call ids, a timeout per call, answers accepted only from the route the
 * call went out on (a reloaded window's new store must not settle the old one's calls), and
 * failing every call at once when its route goes away.
 */
export class StoreCalls<Route> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Route>>();

  constructor(private readonly timeoutMs: number) {}

  /** Sends the call through `send` on `route`; resolves with its answer, a TIMEOUT, or the failure that ended its route. */
  start(method: StoreMethod, args: unknown[], route: Route, send: (call: StoreCall) => void): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'TIMEOUT', message: 'The journal database did not answer in time.' } });
      }, this.timeoutMs);
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
