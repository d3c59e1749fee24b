import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { keyringHint } from './keychainHelp';
import { createKeytarStore } from './keytarStore';

// Its own file (so its own worker process): libsecret keeps the first bus connection it makes, so
// the broken bus must be set before anything in the process has touched the keychain.
describe('keytar credential store without a Secret Service', () => {
  it.skipIf(process.platform !== 'linux')('reports KEYCHAIN_UNAVAILABLE with a clear message, not a raw libsecret error', async () => {
    const saved = { bus: process.env.DBUS_SESSION_BUS_ADDRESS };
    // Point libsecret at a bus that does not exist (and keep it from autolaunching one).
    process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/tradelog-test-bus';
    try {
      const error = await createKeytarStore(`Tradelog-test-${randomUUID()}`).load('account:x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('KEYCHAIN_UNAVAILABLE');
      expect((error as AppError).message).toMatch(/keychain is not available/);
      expect((error as AppError).message).toContain(keyringHint('linux'));
    } finally {
      if (saved.bus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved.bus;
    }
  });
});
