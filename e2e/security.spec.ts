import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { REQUEST_CHANNELS, RequestSchemas } from '../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp';
import { startSimulator } from '../simulator/server';
import type { Simulator } from '../simulator/server';
import { launchApp } from './support/launch';
import type { AppHandle } from './support/launch';
import { appMode, browserModeOnly } from './support/mode';
import { SMALL_HISTORY, accountIdOf, addAccountViaForm, dumpJournalDb, openApp, updateSettings } from './support/flows';
import { captureWebSocketFrames, channelOf, heapSnapshotText, readTree, serveForeignPage } from './support/security';

// Invariant 5 of docs/ARCHITECTURE.md (secrets stay in main) proven with canaries, plus the IPC surface under
// hostile input, the browser-mode transport against other origins, and the CSP.

test.describe('canary secrets never leave main', () => {
  let app: AppHandle;
  let sim: Simulator;

  test.afterEach(async () => {
    await app.stop();
    await sim.close();
  });

  test('after add, sync, failure, new keys and resync: no canary in the renderer, IPC, IndexedDB, logs or snapshots', async ({ page }) => {
    test.setTimeout(150_000);
    // Canaries: unique strings that cannot occur by chance anywhere.
    const canary = { apiKey: `CanaryKey${randomBytes(16).toString('hex')}`, secret: `CanarySecret${randomBytes(16).toString('hex')}` };
    const canary2 = { apiKey: `CanaryKeyTwo${randomBytes(16).toString('hex')}`, secret: `CanarySecretTwo${randomBytes(16).toString('hex')}` };
    const needles = [canary.apiKey, canary.secret, canary2.apiKey, canary2.secret];
    sim = await startSimulator({ history: SMALL_HISTORY, keys: [canary] });
    app = await launchApp({ env: { TRADELOG_LOG_LEVEL: 'debug' } });
    // Browser mode's IPC is WebSocket frames of this page; Electron's is not visible to a page.
    const frames = captureWebSocketFrames(page);
    page = await openApp(page, app);
    await updateSettings(page, { sync: { manualCooldownSeconds: 0 } });

    // A cut-off JSON body: an error path that logs the failed response runs while the key is in use.
    sim.faults.inject({ kind: 'malformed' }, { match: { exchange: 'binance', path: 'myTrades' }, times: 1 });
    const card = await addAccountViaForm(page, { label: 'Canary', apiKey: canary.apiKey, secret: canary.secret, baseUrl: sim.baseUrl, symbolScope: 'all' });
    await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 60_000 });
    const accountId = await accountIdOf(card);
    await card.getByTestId('test-connection').click();
    await expect(card.getByTestId('permissions')).toBeVisible();

    // The exchange revokes the key: an auth failure path runs (and logs) with the key in play.
    sim.revokeKey(canary.apiKey);
    await card.getByTestId('sync-now').click();
    await expect(card).toHaveAttribute('data-status', 'needs_credentials', { timeout: 30_000 });
    sim.state.addKey({ ...canary2, canTrade: false, canWithdraw: false, ipRestricted: false });
    const keysForm = card.getByTestId('keys-form');
    if (!(await keysForm.isVisible())) await card.getByTestId('edit-keys').click();
    await keysForm.getByTestId('new-api-key').fill(canary2.apiKey);
    await keysForm.getByTestId('new-api-secret').fill(canary2.secret);
    await keysForm.getByTestId('save-keys').click();
    await expect(keysForm).toHaveCount(0);
    await expect(card.getByTestId('sync-now')).toBeEnabled({ timeout: 30_000 });
    await card.getByTestId('sync-now').click();
    await expect(card).toHaveAttribute('data-status', 'synced', { timeout: 60_000 });

    // Replies from every method that returns account or engine data.
    const replies = await page.evaluate(async (id) => {
      const api = window.tradelog;
      if (api === undefined) throw new Error('no api');
      return [
        await api.app.info({}), await api.settings.get({}), await api.sync.status({}),
        await api.accounts.testConnection({ accountId: id }),
        await api.accounts.update({ accountId: id, patch: { label: 'Canary renamed' } }),
        await api.accounts.setPaused({ accountId: id, paused: true }),
        await api.accounts.setPaused({ accountId: id, paused: false }),
      ];
    }, accountId);
    for (const reply of replies) expect(reply).toMatchObject({ ok: true });
    const repliesText = JSON.stringify(replies);

    // 1. The renderer: DOM, storage, replies, and a full heap snapshot.
    const dom = await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    const heap = await heapSnapshotText(page);
    expect(heap.length).toBeGreaterThan(1_000_000);
    // 2. IndexedDB: every object store of the journal database.
    const db = await dumpJournalDb(page);
    const dbText = JSON.stringify(db);
    expect((db.trades ?? []).length).toBeGreaterThan(0);
    // 3. The raw snapshots table, on its own (it holds exchange payloads by design). The engine
    // writes one only when a normalizer throws or a commit fails, which no simulator fault provokes;
    // the secret-free snapshot content itself is covered by main/sync's sanitizer unit tests.
    expect(db.rawSnapshots, 'the rawSnapshots table exists').toBeDefined();
    test.info().annotations.push({ type: 'rawSnapshots', description: `${(db.rawSnapshots ?? []).length} rows checked` });
    const snapshotsText = JSON.stringify(db.rawSnapshots);
    // 4. The main core's console output and its log files.
    const logs = readTree(join(app.dataDir, 'logs'));
    expect(logs.files.length).toBeGreaterThan(0);
    const output = app.output();

    // Positive controls: each haystack does hold what the renderer and main really saw.
    const label = 'Canary renamed';
    expect(dom.includes(label), 'DOM holds the account label').toBe(true);
    expect(heap.includes(label), 'heap holds the account label').toBe(true);
    expect(dbText.includes(accountId), 'IndexedDB holds the account').toBe(true);
    expect(logs.text.includes('EXCHANGE_AUTH'), 'log files hold the auth failure').toBe(true);
    expect(output.includes(app.mode === 'browser' ? 'browser mode' : 'sync engine started'), 'console output captured').toBe(true);

    for (const needle of needles) {
      expect(dom.includes(needle), 'DOM/storage').toBe(false);
      expect(repliesText.includes(needle), 'API replies').toBe(false);
      expect(heap.includes(needle), 'renderer heap snapshot').toBe(false);
      expect(dbText.includes(needle), 'IndexedDB').toBe(false);
      expect(snapshotsText.includes(needle), 'rawSnapshots').toBe(false);
      expect(output.includes(needle), 'main console output').toBe(false);
      expect(logs.text.includes(needle), 'main log files').toBe(false);
    }

    // 5. IPC: each secret crosses exactly once, renderer -> main, in the request that carries it.
    // Browser mode only: Electron IPC has no frames to capture (the haystacks above still apply).
    if (app.mode === 'electron') return;
    expect(frames.length).toBeGreaterThan(20);
    expect(frames.some((f) => f.direction === 'received' && f.payload.includes('"t":"store"'))).toBe(true);
    const carrying = (needle: string) => frames.filter((f) => f.payload.includes(needle));
    for (const needle of [canary.apiKey, canary.secret]) {
      expect(carrying(needle).map((f) => [f.direction, channelOf(f)])).toEqual([['sent', 'accounts.add']]);
    }
    for (const needle of [canary2.apiKey, canary2.secret]) {
      expect(carrying(needle).map((f) => [f.direction, channelOf(f)])).toEqual([['sent', 'accounts.updateKeys']]);
    }
  });
});

test.describe('the IPC surface', () => {
  let app: AppHandle;

  test.beforeAll(async () => {
    app = await launchApp();
  });

  test.afterAll(async () => {
    await app.stop();
  });

  test('every window.tradelog method answers hostile input with a typed INVALID_INPUT, and nothing changes', async ({ page }) => {
    page = await openApp(page, app);
    const settingsBefore = await page.evaluate(() => window.tradelog?.settings.get({}));
    const results = await page.evaluate(async () => {
      const api = window.tradelog;
      if (api === undefined) throw new Error('no api');
      const deep = (): unknown => {
        let o: Record<string, unknown> = {};
        for (let i = 0; i < 2000; i++) o = { a: o };
        return o;
      };
      const hostile: [string, () => unknown][] = [
        ['null', () => null],
        ['number', () => 42],
        ['string', () => '"; DROP TABLE trades; --'],
        ['array', () => [{}]],
        ['unexpected key', () => ({ __unexpected: true })],
        ['prototype pollution', () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown],
        ['huge strings', () => ({ accountId: 'a'.repeat(200_000), nonce: 'n'.repeat(200_000), group: 'g'.repeat(200_000), jobId: 'j'.repeat(200_000), label: 'l'.repeat(200_000) })],
        ['deep nesting', deep],
        ['wrong types', () => ({ accountId: 123, paused: 'yes', group: {}, jobId: [], nonce: null, mode: 'everything', ui: 'x', patch: 'x', exchange: 'kraken', apiKey: 1, secret: true })],
        ['path traversal id', () => ({ accountId: '../../../etc/passwd', jobId: '../../x', group: '', paused: 1 })],
      ];
      const out: { method: string; input: string; reply: unknown }[] = [];
      for (const [ns, group] of Object.entries(api)) {
        if (ns === 'events' || ns === 'store') continue;
        for (const [name, fn] of Object.entries(group as Record<string, unknown>)) {
          if (typeof fn !== 'function') continue;
          for (const [label, make] of hostile) {
            const reply: unknown = await (fn as (input: unknown) => Promise<unknown>)(make());
            out.push({ method: `${ns}.${name}`, input: label, reply });
          }
        }
      }
      return { out, polluted: ({} as Record<string, unknown>).polluted !== undefined };
    });

    // Every request channel of the contract is reachable and was fuzzed (a new channel is too).
    expect([...new Set(results.out.map((r) => r.method))].sort()).toEqual([...REQUEST_CHANNELS].sort());
    const wrong = results.out.filter(({ reply }) => {
      const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
      return r.ok !== false || r.error?.code !== 'INVALID_INPUT' || typeof r.error.message !== 'string' || r.error.message === '' || /\n\s+at /.test(r.error.message);
    });
    expect(wrong, 'channels that did not answer a typed INVALID_INPUT').toEqual([]);
    expect(results.polluted).toBe(false);

    // Nothing was created or changed, and the core is alive.
    expect((await dumpJournalDb(page)).accounts ?? []).toHaveLength(0);
    expect(await page.evaluate(() => window.tradelog?.settings.get({}))).toEqual(settingsBefore);
    expect(await page.evaluate(() => window.tradelog?.app.info({}))).toMatchObject({ ok: true, value: { name: 'Tradelog' } });
    expect(app.output()).not.toMatch(/Uncaught|unhandled/i);
  });

  test('an omitted argument is "no input": a typed reply on every channel, never a dropped connection', async ({ page }) => {
    page = await openApp(page, app);
    // Channels whose input is all-optional succeed with no argument; the rest say what is missing.
    // createDemo is left out: with no argument it legitimately creates the demo account.
    const emptyOk = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, RequestSchemas[c].safeParse({}).success]));
    const replies = await page.evaluate(async (channels) => {
      const api = window.tradelog;
      if (api === undefined) throw new Error('no api');
      const out: { channel: string; reply: unknown }[] = [];
      for (const channel of channels) {
        const [ns = '', name = ''] = channel.split('.');
        const fn = (api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[ns]?.[name];
        if (fn === undefined) throw new Error(`no method for ${channel}`);
        out.push({ channel, reply: await fn() });
      }
      return out;
    }, REQUEST_CHANNELS.filter((c) => c !== 'accounts.createDemo'));
    for (const { channel, reply } of replies) {
      if (emptyOk[channel] === true) expect(reply, channel).toMatchObject({ ok: true });
      else expect(reply, channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    await expect(page.getByTestId('bridge-status')).toHaveAttribute('data-status', 'connected');
  });

  test('unknown channels and malformed frames on an authenticated socket get typed errors or a protocol close', async ({ page }) => {
    test.skip(appMode() === 'electron', 'browser-mode socket protocol; in Electron the page reaches main only through the preload\'s named methods, fuzzed above');
    page = await openApp(page, app);
    const result = await page.evaluate(async (wsUrl) => {
      const token = sessionStorage.getItem('tradelog.token') ?? '';
      const open = (): Promise<WebSocket> => new Promise((resolve, reject) => {
        const socket = new WebSocket(wsUrl);
        socket.onopen = () => socket.send(JSON.stringify({ t: 'hello', token, role: 'ui' }));
        socket.onmessage = (event) => {
          if (String(event.data).includes('welcome')) resolve(socket);
        };
        socket.onclose = (event) => reject(new Error(`closed ${event.code}`));
      });
      const socket = await open();
      const replies = new Map<number, unknown>();
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { t: string; id?: number; reply?: unknown };
        if (message.t === 'res' && message.id !== undefined) replies.set(message.id, message.reply);
      };
      const channels = ['accounts.export', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'app.info ', 'APP.INFO'];
      channels.forEach((channel, i) => socket.send(JSON.stringify({ t: 'req', id: i + 1, channel, input: {} })));
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (replies.size === channels.length) resolve();
          else setTimeout(check, 20);
        };
        check();
      });
      const unknown = channels.map((channel, i) => ({ channel, reply: replies.get(i + 1) }));
      socket.close();

      const closeCodeAfter = async (frame: string): Promise<number> => {
        const s = await open();
        return new Promise<number>((resolve) => {
          s.onclose = (event) => resolve(event.code);
          s.send(frame);
        });
      };
      const malformed = [
        await closeCodeAfter('not json'),
        await closeCodeAfter('[1,2,3]'),
        await closeCodeAfter(JSON.stringify({ t: 'req', channel: 'app.info', input: {} })),
        await closeCodeAfter(JSON.stringify({ t: 'evt', event: 'notice', payload: {} })),
        await closeCodeAfter(JSON.stringify({ t: 'hello', token, role: 'ui' })),
      ];
      return { unknown, malformed };
    }, `ws://127.0.0.1:${app.port}/ipc`);

    for (const { channel, reply } of result.unknown) {
      expect(reply, `channel ${JSON.stringify(channel)}`).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(result.malformed).toEqual([4400, 4400, 4400, 4400, 4400]);
    expect(await page.evaluate(() => window.tradelog?.app.info({}))).toMatchObject({ ok: true });
  });
});

test.describe('browser-mode transport and page policy', () => {
  let app: AppHandle;

  browserModeOnly('the WebSocket origin check and the static server exist in browser mode only; the Electron window\'s policy is e2e/electron/window.spec.ts');

  test.beforeAll(async () => {
    app = await launchApp();
  });

  test.afterAll(async () => {
    // Unset when the Electron project skipped this block (afterAll runs anyway).
    await app?.stop();
  });

  test('a page on another origin (another port) cannot connect, even holding the token', async ({ page }) => {
    const wsUrl = `ws://127.0.0.1:${app.port}/ipc`;
    const html = `<!doctype html><meta charset="utf-8"><body><script>
      const result = { opened: false, messages: 0, code: null };
      const socket = new WebSocket(${JSON.stringify(wsUrl)});
      socket.onopen = () => { result.opened = true; socket.send(JSON.stringify({ t: 'hello', token: ${JSON.stringify(app.token)}, role: 'ui' })); };
      socket.onmessage = () => { result.messages++; };
      socket.onclose = (event) => { result.code = event.code; document.body.dataset.done = 'yes'; window.result = result; };
    </script></body>`;
    const foreign = await serveForeignPage(html);
    try {
      await page.goto(foreign.url);
      await expect(page.locator('body')).toHaveAttribute('data-done', 'yes');
      const result = await page.evaluate(() => (window as unknown as { result: { opened: boolean; messages: number; code: number } }).result);
      // Refused at the upgrade (403): the socket never opens, nothing is ever received.
      expect(result).toEqual({ opened: false, messages: 0, code: 1006 });
    } finally {
      await foreign.close();
    }
    expect(app.output()).toContain('browser-mode upgrade refused');
    // The core's own page still connects.
    await openApp(page, app);
  });

  test('the CSP header and meta tag are strict, and the page enforces them', async ({ page, request }) => {
    const response = await request.get(`${app.origin}/`);
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*']);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*\.|\s\*(\s|;|$)|data:.*script/);

    // The meta tag carries the same policy (frame-ancestors is header-only by spec).
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const withoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
    expect(meta).toBe(withoutFrameAncestors);
    // And the source index.html matches what is served.
    expect(readFileSync('renderer/index.html', 'utf8')).toContain(meta);

    // Enforced: no eval, no inline script, no remote fetch.
    page = await openApp(page, app);
    const enforced = await page.evaluate(async () => {
      // CDP's evaluate lifts the eval ban for its own call: test eval from a later task instead.
      const evalBlocked = await new Promise<boolean>((resolve) => setTimeout(() => {
        try {
          (0, eval)('1 + 1');
          resolve(false);
        } catch {
          resolve(true);
        }
      }, 0));
      const w = window as unknown as { inlineRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.body.appendChild(script);
      let fetchBlocked = false;
      try {
        await fetch('http://example.com/');
      } catch {
        fetchBlocked = true;
      }
      return { evalBlocked, inlineRan: w.inlineRan === true, fetchBlocked };
    });
    expect(enforced).toEqual({ evalBlocked: true, inlineRan: false, fetchBlocked: true });
  });

  test('the static server serves only the built renderer', async ({ request }) => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const response = await request.get(`${app.origin}${path}`);
      const body = await response.text();
      expect(body, path).not.toContain('"name": "tradelog"');
      expect(body, path).not.toContain('root:');
    }
  });
});
