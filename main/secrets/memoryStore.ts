import { AppError } from '../../shared/errors';
import type { AdapterCredentials } from '../exchange/adapter';
import type { CredentialStore } from './credentialStore';

/** A keychain double for tests: same contract as keytar, plus a switch to make it unavailable. */
export class MemoryCredentialStore implements CredentialStore {
  readonly entries = new Map<string, AdapterCredentials>();
  available = true;

  async save(ref: string, credentials: AdapterCredentials): Promise<void> {
    this.check();
    this.entries.set(ref, { ...credentials });
  }

  async load(ref: string): Promise<AdapterCredentials | null> {
    this.check();
    const found = this.entries.get(ref);
    return found === undefined ? null : { ...found };
  }

  async remove(ref: string): Promise<void> {
    this.check();
    this.entries.delete(ref);
  }

  private check(): void {
    if (!this.available) throw new AppError('KEYCHAIN_UNAVAILABLE', 'The system keychain is not available.');
  }
}
