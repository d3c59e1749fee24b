import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WireMessage } from '../../shared/ipc/wire';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createRemoteStore } from '../core/remoteStore';
import { createLogger } from '../log/logger';
import { Redactor } from '../log/redact';
import { startBrowserHost } from './host';
import type { BrowserHost } from './host';
import { CLOSE_UNAUTHORIZED } from './wsLink';

const TOKEN = 'test-token-0123456789abcdef';
const logger = createLogger({ level: 'error', redactor: new Redactor(), sinks: [] });
let host: BrowserHost | null = null;

async function start(): Promise<BrowserHost> {
  host = await startBrowserHost({ port: 0, token: TOKEN, staticDir: mkdtempSync(join(tmpdir(), 'tradelog-ws-')), logger });
  return host;
}

afterEach(async () => {
  await host?.close();
  host = null;
});

interface TestClient {
  socket: WebSocket;
  messages: WireMessage[];
  next(predicate: (m: WireMessage) => boolean): Promise<WireMessage>;
  send(message: WireMessage): void;
  closed: Promise<number>;
}

async function connect(h: BrowserHost, origin: string = h.origin): Promise<TestClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${h.port}/ipc`, { origin });
  const messages: WireMessage[] = [];
  const waiters: { predicate: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as WireMessage;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    next: (predicate) => {
      const found = messages.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

describe('browser-mode WebSocket link', () => {
  it('routes requests to the handler and events to ui clients only after hello', async () => {
    const h = await start();
    h.link.onRequest(async (channel, input) => ({ ok: true, value: { channel, input } }));
    const ui = await connect(h);
    ui.send({ t: 'hello', token: TOKEN, role: 'ui' });
    await ui.next((m) => m.t === 'welcome');
    ui.send({ t: 'req', id: 7, channel: 'app.info', input: {} });
    expect(await ui.next((m) => m.t === 'res')).toEqual({ t: 'res', id: 7, reply: { ok: true, value: { channel: 'app.info', input: {} } } });
    h.link.emit('notice', { level: 'info', message: 'hi' });
    expect(await ui.next((m) => m.t === 'evt')).toEqual({ t: 'evt', event: 'notice', payload: { level: 'info', message: 'hi' } });
  });

  it('closes with 4401 on a wrong token or a request before hello, and rejects foreign origins', async () => {
    const h = await start();
    const wrong = await connect(h);
    wrong.send({ t: 'hello', token: 'nope', role: 'ui' });
    expect(await wrong.closed).toBe(CLOSE_UNAUTHORIZED);
    const early = await connect(h);
    early.send({ t: 'req', id: 1, channel: 'app.info', input: {} });
    expect(await early.closed).toBe(CLOSE_UNAUTHORIZED);
    await expect(connect(h, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('serves store calls through the newest store client and fails them when it disappears mid-call', async () => {
    const h = await start();
    const store = createRemoteStore(h.link, { waitForStoreMs: 2_000 });
    const server = await connect(h);
    server.send({ t: 'hello', token: TOKEN, role: 'store' });
    await server.next((m) => m.t === 'welcome');

    const pending = store.getAccount('acc-1');
    const call = await server.next((m) => m.t === 'store');
    if (call.t !== 'store') throw new Error('unreachable');
    expect(call.method).toBe('getAccount');
    expect(call.args).toEqual(['acc-1']);
    server.send({ t: 'storeRes', id: call.id, reply: { ok: true, value: null } });
    expect(await pending).toBeNull();

    // A void result travels as `{ ok: true }` (JSON drops undefined) and must still be accepted.
    const put = store.putSettings(DEFAULT_SETTINGS);
    const putCall = await server.next((m) => m.t === 'store' && m.method === 'putSettings');
    if (putCall.t !== 'store') throw new Error('unreachable');
    server.socket.send(JSON.stringify({ t: 'storeRes', id: putCall.id, reply: { ok: true, value: undefined } }));
    await expect(put).resolves.toBeUndefined();

    // A store server that vanishes mid-call: the call fails at once, typed, instead of hanging.
    const second = store.listAccounts();
    await server.next((m) => m.t === 'store' && m.method === 'listAccounts');
    server.socket.terminate();
    await expect(second).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('a call made while no store is served waits for one, then times out with STORE_UNAVAILABLE', async () => {
    const h = await start();
    const store = createRemoteStore(h.link, { waitForStoreMs: 300 });
    await expect(store.listJobs()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    const waiting = store.getSettings();
    const server = await connect(h);
    server.send({ t: 'hello', token: TOKEN, role: 'store' });
    const call = await server.next((m) => m.t === 'store');
    if (call.t !== 'store') throw new Error('unreachable');
    server.send({ t: 'storeRes', id: call.id, reply: { ok: false, error: { code: 'STORE_FAILED', message: 'disk full' } } });
    await expect(waiting).rejects.toMatchObject({ code: 'STORE_FAILED', message: 'disk full' });
  });

  it('drops a connection that sends malformed frames', async () => {
    const h = await start();
    const client = await connect(h);
    client.socket.send('{not json');
    expect(await client.closed).toBe(4400);
  });
});
