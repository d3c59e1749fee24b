import { AppError } from '../../shared/errors';

/**
 * Maps anything a Dexie call threw to a typed AppError. The message is safe to show; the original
 * error stays as `cause` for the log. QuotaExceeded gets its own wording because the user can act on it.
 */
export function toStoreError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : '';
  const inner = error instanceof Error && 'inner' in error && error.inner instanceof Error ? error.inner.name : '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new AppError('STORE_FAILED', `Could not ${action}: the disk is full or the browser storage quota is used up.`, { cause: error });
  }
  if (name === 'DatabaseClosedError' || name === 'OpenFailedError' || name === 'MissingAPIError') {
    return new AppError('STORE_UNAVAILABLE', `Could not ${action}: the local database is not available.`, { cause: error });
  }
  return new AppError('STORE_FAILED', `Could not ${action}: the local database reported an error.`, { cause: error });
}

/** Runs a store operation and converts its failure to an AppError. */
export async function storeCall<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error: unknown) {
    throw toStoreError(error, action);
  }
}
