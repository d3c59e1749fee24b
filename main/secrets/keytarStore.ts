import keytar from 'keytar';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { AdapterCredentials } from '../exchange/adapter';
import type { CredentialStore } from './credentialStore';

const StoredCredentials = z.object({ apiKey: z.string().min(1), secret: z.string().min(1) }).strict();

export const KEYCHAIN_SERVICE = 'Tradelog';

/** Thrown text from libsecret/Keychain/CredMan can be long and odd; the user gets one clear sentence. */
function unavailable(cause: unknown): AppError {
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    'The system keychain is not available, so API keys cannot be stored safely. Unlock or install your keyring (on Linux: GNOME Keyring or KWallet with the Secret Service) and try again.',
    { cause },
  );
}

/** OS keychain via keytar: macOS Keychain, Windows Credential Manager, Secret Service on Linux. */
export function createKeytarStore(service: string = KEYCHAIN_SERVICE): CredentialStore {
  return {
    async save(ref, credentials) {
      const value = JSON.stringify(StoredCredentials.parse(credentials));
      try {
        await keytar.setPassword(service, ref, value);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async load(ref): Promise<AdapterCredentials | null> {
      let value: string | null;
      try {
        value = await keytar.getPassword(service, ref);
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
      try {
        await keytar.deletePassword(service, ref);
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}
