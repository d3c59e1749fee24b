import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { AdapterCredentials } from '../exchange/adapter';
import type { CredentialStore } from './credentialStore';
import { keychainModuleMissing, keychainNotAnswering } from './keychainHelp';

const StoredCredentials = z.object({ apiKey: z.string().min(1), secret: z.string().min(1) }).strict();

export const KEYCHAIN_SERVICE = 'Tradelog';

/** The three keytar calls Tradelog makes. */
export interface KeytarBinding {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => Promise<KeytarBinding>;

/**
 * keytar is an optional dependency: where it has no prebuilt binary and cannot be compiled (Linux
 * without libsecret's headers), `npm install` leaves it out and the app still starts; the demo
 * needs no key. It is loaded the first time a key is saved, read or removed, never at start-up.
 */
export const loadInstalledKeytar: KeytarLoader = async () => {
  const loaded = (await import('keytar')) as { default?: KeytarBinding } & Partial<KeytarBinding>;
  return loaded.default ?? (loaded as KeytarBinding);
};

/** Thrown text from libsecret/Keychain/CredMan can be long and odd; the user gets one clear sentence. */
const unavailable = (cause: unknown): AppError => keychainNotAnswering(process.platform, cause);

/**
 * OS keychain via keytar: macOS Keychain, Windows Credential Manager, Secret Service on Linux.
 * There is no fallback: without a keychain a key is refused, never kept anywhere weaker.
 */
export function createKeytarStore(service: string = KEYCHAIN_SERVICE, load: KeytarLoader = loadInstalledKeytar): CredentialStore {
  let binding: Promise<KeytarBinding> | null = null;
  const keytar = (): Promise<KeytarBinding> => {
    // A failed load is not cached: installing the module and retrying works without a restart
    // where the runtime allows it.
    binding ??= load().catch((error: unknown) => {
      binding = null;
      throw keychainModuleMissing(process.platform, error);
    });
    return binding;
  };
  return {
    async save(ref, credentials) {
      const value = JSON.stringify(StoredCredentials.parse(credentials));
      const module = await keytar();
      try {
        await module.setPassword(service, ref, value);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async load(ref): Promise<AdapterCredentials | null> {
      const module = await keytar();
      let value: string | null;
      try {
        value = await module.getPassword(service, ref);
      } catch (error) {
        throw unavailable(error);
      }
      if (value === null) return null;
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        json = null;
      }
      const parsed = StoredCredentials.safeParse(json);
      if (!parsed.success) {
        throw new AppError('EXCHANGE_AUTH', 'The saved API key for this account is unreadable. Enter the key again.');
      }
      return parsed.data;
    },
    async remove(ref) {
      const module = await keytar();
      try {
        await module.deletePassword(service, ref);
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
