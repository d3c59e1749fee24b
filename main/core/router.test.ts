import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { REQUEST_CHANNELS } from '../../shared/ipc/contract';
import type { RequestChannel } from '../../shared/ipc/contract';
import { createLogger } from '../log/logger';
import type { LogRecord } from '../log/logger';
import { Redactor } from '../log/redact';
import { createRouter } from './router';
import type { Handlers } from './router';

function recordingLogger(): { records: LogRecord[]; logger: ReturnType<typeof createLogger> } {
  const records: LogRecord[] = [];
  return { records, logger: createLogger({ level: 'debug', redactor: new Redactor(), sinks: [(r) => records.push(r)] }) };
}

/** Every handler records that it ran: a hostile input must never reach one. */
function spyHandlers(ran: RequestChannel[]): Handlers {
  const entries = REQUEST_CHANNELS.map((channel) => [channel, async () => {
    ran.push(channel);
    return {};
  }]);
  return Object.fromEntries(entries) as unknown as Handlers;
}

// Inputs no channel accepts: wrong types, prototype tricks, oversized strings, deep junk.
const HOSTILE: unknown[] = [
  null, 42, 'text', true, [], [1, 2],
  { __proto__: { admin: true }, unexpected: 1 },
  { constructor: { prototype: { polluted: true } } },
  { accountId: 'x'.repeat(10_000) },
  { accountId: '../../etc/passwd' },
  { accountId: { $ne: null } },
  { nonce: 42 },
  { nonce: '' },
  { mode: 'everything' },
  { paused: 'yes' },
  { since: -1 },
  { since: Number.NaN },
  { jobId: '' },
  { group: '' },
  { exchange: 'ftx', label: 'x', marketTypes: ['spot'] },
  { sync: { pageSize: 1e9 } },
];

describe('router', () => {
  it('refuses every hostile input on every channel with INVALID_INPUT and never runs a handler', async () => {
    const ran: RequestChannel[] = [];
    const { logger } = recordingLogger();
    const route = createRouter(spyHandlers(ran), logger);
    for (const channel of REQUEST_CHANNELS) {
      for (const input of HOSTILE) {
        const reply = await route(channel, input);
        // Some channels take `{}` only, so an input that happens to be valid for one is allowed through;
        // what may never happen is a crash or an untyped answer.
        if (reply.ok) continue;
        expect(reply.error.code, `${channel} ${JSON.stringify(input)?.slice(0, 40)}`).toBe('INVALID_INPUT');
        expect(reply.error.issues?.length).toBeGreaterThan(0);
      }
    }
    // Only inputs valid for the channel reached a handler: e.g. `{ since: -1 }` is valid nowhere.
    const accepted = new Set(ran);
    expect(accepted.has('sync.request')).toBe(false);
    expect(accepted.has('accounts.add')).toBe(false);
    expect(accepted.has('settings.update')).toBe(false);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const { logger } = recordingLogger();
    const route = createRouter(spyHandlers([]), logger);
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null, undefined]) {
      const reply = await route(channel, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('passes typed errors through and hides the text of unexpected ones', async () => {
    const { records, logger } = recordingLogger();
    const handlers = spyHandlers([]);
    handlers['sync.status'] = async () => {
      throw new AppError('STORE_UNAVAILABLE', 'The journal database is not open.');
    };
    handlers['app.info'] = async () => {
      throw new Error('GET https://api.binance.com/api/v3/account?timestamp=1&signature=deadbeefcafe failed');
    };
    const route = createRouter(handlers, logger);
    expect(await route('sync.status', {})).toEqual({ ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'The journal database is not open.' } });
    const reply = await route('app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('deadbeefcafe');
    // The log keeps the detail, with the signature redacted.
    const logged = JSON.stringify(records);
    expect(logged).toContain('request failed');
    expect(logged).not.toContain('deadbeefcafe');
  });

  it('applies schema defaults before the handler sees the input', async () => {
    const seen: unknown[] = [];
    const { logger } = recordingLogger();
    const handlers = spyHandlers([]);
    handlers['sync.request'] = async (input) => {
      seen.push(input);
      return { jobId: 'j1', deduped: false };
    };
    const route = createRouter(handlers, logger);
    const reply = await route('sync.request', { accountId: 'acc-1' });
    expect(reply).toEqual({ ok: true, value: { jobId: 'j1', deduped: false } });
    expect(seen).toEqual([{ accountId: 'acc-1', mode: 'trades', since: null, force: false }]);
  });
});
