import { AppError } from '../../shared/errors';
import type { Account } from '../../shared/domain/types';
import type { AdapterCredentials, ExchangeAdapter, RequestGate } from '../exchange/adapter';
import { createAdapter } from '../exchange/create-adapter';
import type { CredentialStore } from '../secrets/credentialStore';
import type { Redactor } from '../log/redact';
import type { DemoExchangePort } from './ports';

export interface AdapterFactoryDeps {
  credentials: CredentialStore;
  demo: DemoExchangePort;
  redactor: Redactor;
}

/**
 * Resolves what an adapter needs for an account at the moment it is needed: keys from the
 * keychain (registered with the redactor before first use, so no log line can carry them), and
 * for the demo exchange, the simulator's current address.
 */
export function createAdapterFactory(deps: AdapterFactoryDeps) {
  const resolve = async (account: Account, override: AdapterCredentials | null | undefined): Promise<{ credentials: AdapterCredentials | null; baseUrl: string | null }> => {
    if (account.exchange === 'demo') {
      const demo = await deps.demo.ensureStarted();
      return { credentials: demo.credentials, baseUrl: demo.baseUrl };
    }
    let credentials = override ?? null;
    if (override === undefined) {
      if (account.credentialRef === null) throw new AppError('EXCHANGE_AUTH', 'This account has no API key. Enter one to sync it.');
      credentials = await deps.credentials.load(account.credentialRef);
      if (credentials === null) throw new AppError('EXCHANGE_AUTH', 'The API key for this account is missing from the keychain. Enter it again.');
    }
    return { credentials, baseUrl: account.baseUrl };
  };

  return async (account: Account, gate: RequestGate, override?: AdapterCredentials | null): Promise<ExchangeAdapter> => {
    const { credentials, baseUrl } = await resolve(account, override);
    if (credentials !== null) {
      deps.redactor.addSecret(credentials.apiKey);
      deps.redactor.addSecret(credentials.secret);
    }
    return createAdapter({
      accountId: account.id,
      exchange: account.exchange,
      marketTypes: [...account.marketTypes],
      testnet: account.testnet,
      baseUrl,
      credentials,
      gate,
    });
  };
}

export type AdapterFactory = ReturnType<typeof createAdapterFactory>;
