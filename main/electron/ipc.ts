import { ipcMain, MessageChannelMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent, MessagePortMain, WebContents } from 'electron';
import { AppError } from '../../shared/errors';
import type { EventName, EventPayloads } from '../../shared/ipc/contract';
import { IPC, isStorePortReady } from '../../shared/ipc/electronChannels';
import type { Reply } from '../../shared/ipc/wire';
import type { StoreMethod } from '../../shared/store/port';
import { readStoreAnswer } from '../../shared/store/protocol';
import type { RendererLink, RequestHandler } from '../core/link';
import { StoreCalls } from '../../shared/store/storeCalls';
import type { Logger } from '../log/logger';

/**
 * The only main-side file that touches ipcMain (lint enforces it). Requests are accepted only from
 * the app's own window (sender check), so a stray webContents cannot drive the core.
 */
export class ElectronLink implements RendererLink {
  private handler: RequestHandler | null = null;
  private contents: WebContents | null = null;
  private storeReady = false;
  /** Main's end of the channel to the window's store worker (a fresh one per page load). */
  private port: MessagePortMain | null = null;
  private readonly storeListeners = new Set<() => void>();
  private readonly storeCalls: StoreCalls<MessagePortMain>;

  constructor(private readonly logger: Logger, storeCallTimeoutMs = 120_000) {
    this.storeCalls = new StoreCalls(storeCallTimeoutMs);
    ipcMain.handle(IPC.request, (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => this.onInvoke(event, channel, input));
    ipcMain.on(IPC.storePortRequest, (event: IpcMainEvent) => this.onStorePortRequest(event));
  }

  /** Binds the link to the app window; a reload or a new window re-binds it. */
  attach(contents: WebContents): void {
    this.contents = contents;
    this.storeReady = false;
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) this.dropStore('The window reloaded during a write.');
    });
    contents.on('destroyed', () => {
      if (this.contents === contents) {
        this.contents = null;
        this.dropStore('The window closed during a write.');
      }
    });
  }

  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (this.contents !== null && !this.contents.isDestroyed()) this.contents.send(IPC.event, event, payload);
  }

  storeAvailable(): boolean {
    return this.storeReady && this.contents !== null && !this.contents.isDestroyed();
  }

  onStoreAvailable(listener: () => void): () => void {
    this.storeListeners.add(listener);
    return () => this.storeListeners.delete(listener);
  }

  callStore(method: StoreMethod, args: unknown[]): Promise<Reply> {
    const port = this.port;
    if (port === null || !this.storeAvailable()) {
      return Promise.reject(new AppError('STORE_UNAVAILABLE', 'The journal database is not open.'));
    }
    // Straight to the store worker: the batch never passes through the UI thread.
    return this.storeCalls.start(method, args, port, (call) => port.postMessage(call));
  }

  async close(): Promise<void> {
    ipcMain.removeHandler(IPC.request);
    ipcMain.removeAllListeners(IPC.storePortRequest);
    this.dropStore('The app is shutting down.');
  }

  private fromAppWindow(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    return this.contents !== null && event.sender === this.contents;
  }

  private async onInvoke(event: IpcMainInvokeEvent, channel: unknown, input: unknown): Promise<Reply> {
    if (!this.fromAppWindow(event)) {
      this.logger.warn('request from an unknown sender refused');
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Requests are accepted only from the app window.' } };
    }
    if (this.handler === null) return { ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'The app is still starting.' } };
    return this.handler(channel, input);
  }

  private onStorePortRequest(event: IpcMainEvent): void {
    const contents = this.contents;
    if (contents === null || !this.fromAppWindow(event)) return;
    this.dropStore('The journal store restarted.');
    const { port1, port2 } = new MessageChannelMain();
    this.port = port1;
    port1.on('message', (message) => this.onPortMessage(port1, message.data));
    port1.start();
    contents.postMessage(IPC.storePort, null, [port2]);
  }

  private onPortMessage(port: MessagePortMain, data: unknown): void {
    if (port !== this.port) return;
    if (isStorePortReady(data)) {
      this.storeReady = true;
      for (const listener of [...this.storeListeners]) listener();
      return;
    }
    const answer = readStoreAnswer(data);
    if (answer !== null) this.storeCalls.settle(answer, port);
  }

  private dropStore(message: string): void {
    this.storeReady = false;
    this.port?.close();
    this.port = null;
    this.storeCalls.failAll({ code: 'STORE_UNAVAILABLE', message });
  }
}
