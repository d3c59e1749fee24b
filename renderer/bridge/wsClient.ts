import type { Reply, WireMessage } from '../../shared/ipc/wire';

export type WsRole = 'ui' | 'store';

export interface WsClientOptions {
  url: string;
  token: string;
  role: WsRole;
  onEvent?: (event: string, payload: unknown) => void;
  onStoreCall?: (id: number, method: string, args: unknown[]) => void;
  onStatus?: (connected: boolean) => void;
}

const CLOSED: Reply = { ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'Lost the connection to the app core. Retrying…' } };

/**
 * One authenticated WebSocket to the browser-mode core, reconnecting with capped backoff (the core
 * may restart). Runs in a page or a worker: it touches no DOM.
 */
export class WsClient {
  private socket: WebSocket | null = null;
  private ready = false;
  private readonly queue: string[] = [];
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  private retryMs = 250;
  private closed = false;

  constructor(private readonly options: WsClientOptions) {
    this.connect();
  }

  request(channel: string, input: unknown): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, resolve);
      this.send({ t: 'req', id, channel, input });
    });
  }

  replyStore(id: number, reply: Reply): void {
    this.send({ t: 'storeRes', id, reply });
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private send(message: WireMessage): void {
    const text = JSON.stringify(message);
    if (this.ready && this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  private connect(): void {
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ t: 'hello', token: this.options.token, role: this.options.role } satisfies WireMessage));
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      this.onMessage(event.data);
    });
    socket.addEventListener('close', () => {
      this.ready = false;
      this.options.onStatus?.(false);
      // Requests in flight cannot be answered by a new connection: fail them now, visibly.
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve(CLOSED);
      }
      if (this.closed) return;
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5_000);
    });
  }

  private onMessage(text: string): void {
    let message: WireMessage;
    try {
      message = JSON.parse(text) as WireMessage;
    } catch {
      return;
    }
    switch (message.t) {
      case 'welcome': {
        this.ready = true;
        this.retryMs = 250;
        this.options.onStatus?.(true);
        for (const queued of this.queue.splice(0)) this.socket?.send(queued);
        return;
      }
      case 'res': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.reply);
        return;
      }
      case 'evt':
        this.options.onEvent?.(message.event, message.payload);
        return;
      case 'store':
        this.options.onStoreCall?.(message.id, message.method, message.args);
        return;
      case 'hello':
      case 'req':
      case 'storeRes':
        return;
    }
  }
}
