import type { KeyPermissions } from '../../shared/domain/engine';
import type { AppError } from '../../shared/errors';
import { errorAction } from '../../shared/sync/classify';
import type { ExchangeAdapter } from '../exchange/adapter';
import { asAppError } from '../sync/pageRetry';

const DAY_MS = 86_400_000;

/**
 * Checks a key. The exchange's permissions endpoint says what the key may do; where it answers
 * an error that is not about the key (not served for this account type or region, an outage),
 * one signed read-only call (one page of deposit history) proves the key can read, and the key is accepted
 * with its trade/withdraw permissions unknown and a warning, instead of blocking the user.
 * A rejected key is rejected either way.
 */
export async function checkKey(adapter: Pick<ExchangeAdapter, 'checkPermissions' | 'fetchMovementsPage' | 'marketTypes'>, now: () => number = Date.now): Promise<KeyPermissions> {
  let first: AppError;
  try {
    return await adapter.checkPermissions();
  } catch (raw) {
    first = asAppError(raw);
    if (errorAction(first.code) === 'credentials') throw first;
  }
  try {
    // One page of the last day's deposits: signed, read-only, and served to every account type.
    // Not a balance read: ccxt's Bybit balance call itself asks the permissions endpoint first.
    const at = now();
    await adapter.fetchMovementsPage({ type: 'deposit', cursor: null, since: at - DAY_MS, limit: 1, now: at });
  } catch (raw) {
    const error = asAppError(raw);
    // The read failed for a reason of its own: report that one; a rejected key says so.
    throw errorAction(error.code) === 'credentials' ? error : first;
  }
  return {
    canRead: true, canTrade: null, canWithdraw: null, ipRestricted: null, marketTypes: [...adapter.marketTypes], checkedAt: now(),
    warning: `The exchange did not say what this key may do (${first.message}). It can read your account; make sure it is read-only on the exchange.`,
  };
}
