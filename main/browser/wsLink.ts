import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import type { Reply, WireMessage } from '../../shared/ipc/wire';
import type { StoreMethod } from '../../shared/store/port';
import type { Logger } from '../log/logger';
import type { RendererLink, RequestHandler } from '../core/link';
import { StoreCalls } from '../../shared/store/storeCalls';
import { parseWireMessage } from './wireParse';

export interface WsLinkOptions {
  token: string;
  /** Origins allowed to open the socket (the page's own origin). */
  allowedOrigins: string[];
  logger: Logger;
  /** A client that has not said hello with the token by then is dropped. */
  helloTimeoutMs?: number;
  storeCallTimeoutMs?: number;
  /** Largest message accepted from a client (a store reply with a page of trades is the largest). */
  maxPayloadBytes?: number;
}

interface Client {
  socket: WebSocket;
  role: 'ui' | 'store' | null;
}

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_PROTOCOL = 4400;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Browser mode's RendererLink: a WebSocket on 127.0.0.1, noServer (attached to the HTTP server's
 * upgrade). A connection must come from the page's own origin and open with `hello` carrying the
 * per-run random token; anything else is closed with 4401 before it can send a request.
 */
export class WsLink implements RendererLink {
  readonly wss: WebSocketServer;
  private readonly clients = new Set<Client>();
  private handler: RequestHandler | null = null;
  private readonly storeListeners = new Set<() => void>();
  private readonly storeCalls: StoreCalls<Client>;

  constructor(private readonly options: WsLinkOptions) {
    this.storeCalls = new StoreCalls(options.storeCallTimeoutMs ?? 120_000);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 64 * 1024 * 1024 });
    this.wss.on('connection', (socket: WebSocket) => this.accept(socket));
  }

  /** Upgrade filter: the origin check happens before the socket exists. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return typeof origin === 'string' && this.options.allowedOrigins.includes(origin);
  }

  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    const text = JSON.stringify({ t: 'evt', event, payload } satisfies WireMessage);
    for (const client of this.clients) {
      if (client.role === 'ui' && client.socket.readyState === client.socket.OPEN) client.socket.send(text);
    }
  }

  storeAvailable(): boolean {
    return this.storeClient() !== null;
  }

  onStoreAvailable(listener: () => void): () => void {
    this.storeListeners.add(listener);
    return () => this.storeListeners.delete(listener);
  }

  callStore(method: StoreMethod, args: unknown[]): Promise<Reply> {
    const client = this.storeClient();
    if (client === null) {
      return Promise.reject(new AppError('STORE_UNAVAILABLE', 'The journal database is not open. Open the app window to continue syncing.'));
    }
    return this.storeCalls.start(method, args, client, (call) => client.socket.send(JSON.stringify({ t: 'store', ...call } satisfies WireMessage)));
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.socket.close(1001, 'shutting down');
    this.storeCalls.failAll({ code: 'TRANSPORT_CLOSED', message: 'The app is shutting down.' });
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** The newest live store server wins: after a reload the new page serves, the old one is gone. */
  private storeClient(): Client | null {
    let found: Client | null = null;
    for (const client of this.clients) {
      if (client.role === 'store' && client.socket.readyState === client.socket.OPEN) found = client;
    }
    return found;
  }

  private accept(socket: WebSocket): void {
    const client: Client = { socket, role: null };
    this.clients.add(client);
    const helloTimer = setTimeout(() => {
      if (client.role === null) socket.close(CLOSE_UNAUTHORIZED, 'hello required');
    }, this.options.helloTimeoutMs ?? 5_000);

    socket.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseWireMessage(data.toString());
      if (message === null) {
        this.options.logger.warn('browser-mode client sent a malformed frame; closing it', { role: client.role, bytes: isBinary ? -1 : data.toString().length, preview: isBinary ? '' : data.toString().slice(0, 200) });
        socket.close(CLOSE_PROTOCOL, 'malformed message');
        return;
      }
      if (client.role === null) {
        if (message.t !== 'hello' || !sameToken(message.token, this.options.token)) {
          this.options.logger.warn('browser-mode client refused: bad or missing token');
          socket.close(CLOSE_UNAUTHORIZED, 'unauthorized');
          return;
        }
        clearTimeout(helloTimer);
        client.role = message.role;
        socket.send(JSON.stringify({ t: 'welcome' } satisfies WireMessage));
        if (message.role === 'store') for (const listener of [...this.storeListeners]) listener();
        return;
      }
      this.dispatch(client, message);
    });

    socket.on('close', () => {
      clearTimeout(helloTimer);
      this.clients.delete(client);
      // Calls in flight on a vanished store server fail now instead of waiting for the timeout.
      this.storeCalls.failAll({ code: 'STORE_UNAVAILABLE', message: 'The journal database closed during a write.' }, client);
    });
    socket.on('error', (error) => this.options.logger.warn('browser-mode socket error', { error }));
  }

  private dispatch(client: Client, message: WireMessage): void {
    switch (message.t) {
      case 'req': {
        const handler = this.handler;
        const reply: Promise<Reply> = handler === null
          ? Promise.resolve({ ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'The app is still starting.' } })
          : handler(message.channel, message.input);
        void reply.then((r) => {
          if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify({ t: 'res', id: message.id, reply: r } satisfies WireMessage));
        });
        return;
      }
      case 'storeRes':
        this.storeCalls.settle(message, client);
        return;
      case 'hello':
      case 'welcome':
      case 'res':
      case 'evt':
      case 'store':
        client.socket.close(CLOSE_PROTOCOL, `unexpected ${message.t}`);
        return;
    }
  }
}
