import { useState } from 'react';
import { unwrap } from '../../bridge/api';
import { Field } from '../common/Field';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';

/** Replace an account's keys; main tests the new key before it replaces the old one. */
export function KeysForm({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const { api } = useBooted();
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const save = useAction(async () => {
    await unwrap(api.accounts.updateKeys({ accountId, apiKey, secret }));
    onDone();
  }, 'Could not update the keys.');
  return (
    <form className="keys-form" onSubmit={(e) => { e.preventDefault(); void save.run(); }} data-testid="keys-form">
      <Field label="New API key"><input value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" data-testid="new-api-key" /></Field>
      <Field label="New API secret"><input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" data-testid="new-api-secret" /></Field>
      {save.error !== null && <p className="error" role="alert">{save.error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy || apiKey === '' || secret === ''} data-testid="save-keys">{save.busy ? 'Testing…' : 'Test and save'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
