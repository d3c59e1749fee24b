import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import keytar from 'keytar';
import { AppError } from '../../shared/errors';
import { createKeytarStore } from './keytarStore';

// Real keytar against a real Secret Service: `npm run test:unit` runs vitest inside a private
// D-Bus session with an unlocked gnome-keyring (scripts/with-keyring.mjs). Without one (a dev
// machine lacking the packages) the suite is skipped, and under CI the wrapper fails instead.
const noKeyring = process.env.TRADELOG_NO_KEYRING === '1' || process.env.TRADELOG_KEYRING === undefined;

describe.skipIf(noKeyring)('keytar credential store (real Secret Service)', () => {
  const service = `Tradelog-test-${randomUUID()}`;
  const store = createKeytarStore(service);

  it('saves, loads and removes a key pair', async () => {
    const ref = `account:${randomUUID()}`;
    await store.save(ref, { apiKey: 'test-key-AAAAAAAA', secret: 'test-secret-BBBBBBBB' });
    expect(await store.load(ref)).toEqual({ apiKey: 'test-key-AAAAAAAA', secret: 'test-secret-BBBBBBBB' });
    await store.remove(ref);
    expect(await store.load(ref)).toBeNull();
  });

  it('removing a missing entry is not an error', async () => {
    await expect(store.remove(`account:${randomUUID()}`)).resolves.toBeUndefined();
  });

  it('an unreadable entry is a typed error telling the user to re-enter the key', async () => {
    const ref = `account:${randomUUID()}`;
    await keytar.setPassword(service, ref, 'not json');
    const error = await store.load(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EXCHANGE_AUTH');
    expect((error as AppError).message).not.toContain('not json');
    await store.remove(ref);
  });
});
