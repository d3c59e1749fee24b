import { useCallback, useState } from 'react';
import { AppError } from '../../../shared/errors';

/** Runs an async UI action with busy and error state; errors show their safe message. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>, fallback = 'That did not work.') {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      return true;
    } catch (e) {
      setError(e instanceof AppError ? e.message : fallback);
      return false;
    } finally {
      setBusy(false);
    }
  }, [action, fallback]);
  return { run, busy, error, clearError: () => setError(null) };
}
