import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { keychainInstallHint } from './keychainHelp';
import { createKeytarStore } from './keytarStore';
import type { KeytarBinding } from './keytarStore';

function memoryBinding(): KeytarBinding & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getPassword: async (service, account) => values.get(`${service}/${account}`) ?? null,
    setPassword: async (service, account, password) => void values.set(`${service}/${account}`, password),
    deletePassword: async (service, account) => values.delete(`${service}/${account}`),
  };
}

describe('keytar loaded on first use', () => {
  it('is not loaded until a key is saved, read or removed', async () => {
    let loads = 0;
    const binding = memoryBinding();
    const store = createKeytarStore('svc', async () => {
      loads += 1;
      return binding;
    });
    expect(loads).toBe(0);
    await store.save('account:a', { apiKey: 'k-123', secret: 's-456' });
    expect(await store.load('account:a')).toEqual({ apiKey: 'k-123', secret: 's-456' });
    await store.remove('account:a');
    expect(binding.values.size).toBe(0);
    expect(loads).toBe(1);
  });

  it('a missing module is a typed KEYCHAIN_UNAVAILABLE that says what to install, and a later install is picked up', async () => {
    let installed = false;
    const binding = memoryBinding();
    const store = createKeytarStore('svc', async () => {
      if (!installed) throw new Error("Cannot find module 'keytar'");
      return binding;
    });
    const error = await store.save('account:a', { apiKey: 'k-123', secret: 's-456' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((error as AppError).message).toContain(keychainInstallHint(process.platform));
    expect((error as AppError).message).not.toContain('Cannot find module');
    installed = true;
    await store.save('account:a', { apiKey: 'k-123', secret: 's-456' });
    expect(binding.values.size).toBe(1);
  });

  it('names the install step for each platform', () => {
    expect(keychainInstallHint('linux')).toContain('libsecret-1-dev');
    expect(keychainInstallHint('darwin')).toContain('xcode-select --install');
    expect(keychainInstallHint('win32')).toContain('Visual Studio Build Tools');
  });
});
