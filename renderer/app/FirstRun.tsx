import { useState } from 'react';
import { AppError } from '../../shared/errors';
import { unwrap } from '../bridge/api';
import { useUiStore } from '../state/uiStore';
import { useBooted } from './context';

export function FirstRun() {
  const { api } = useBooted();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tryDemo = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.accounts.createDemo({}));
    } catch (e) {
      setError(e instanceof AppError ? e.message : 'Could not start the demo exchange.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card first-run" data-testid="first-run">
      <h1>Your trading journal, on your machine</h1>
      <p>
        Tradelog imports your whole exchange history with a read-only API key and keeps it current
        in the background. Nothing leaves this computer; keys stay in your system keychain.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void tryDemo()} disabled={busy} data-testid="try-demo">
          {busy ? 'Starting the demo…' : 'Try the demo exchange'}
        </button>
        <button type="button" onClick={() => useUiStore.getState().setAddingAccount(true)} data-testid="first-add-account">Add my exchange account</button>
      </div>
      <p className="muted small">The demo exchange syncs a realistic history of a few hundred trades, so you can see the whole app in a minute.</p>
      {error !== null && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
