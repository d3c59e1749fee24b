import type { AdapterCredentials } from '../exchange/adapter';

/**
 * Where API keys live. Main-only: nothing here is ever sent to the renderer, logged or stored in
 * IndexedDB; an account keeps only the `ref` (the keychain entry's name).
 */
export interface CredentialStore {
  save(ref: string, credentials: AdapterCredentials): Promise<void>;
  /** null when no entry exists (e.g. removed from the keychain by the user). */
  load(ref: string): Promise<AdapterCredentials | null>;
  /** Removing a missing entry is not an error. */
  remove(ref: string): Promise<void>;
}

export function credentialRefFor(accountId: string): string {
  return `account:${accountId}`;
}
