import { useState } from 'react';
import type { FormEvent } from 'react';
import { AccountDraftSchema } from '../../../shared/ipc/contract';
import type { ExchangeId, MarketType, SymbolScope } from '../../../shared/domain/types';
import { unwrap } from '../../bridge/api';
import { useUiStore } from '../../state/uiStore';
import { Field } from '../common/Field';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';
import { estimateAllScope } from './scopeEstimate';

interface FormState {
  exchange: Exclude<ExchangeId, 'demo'>;
  label: string;
  apiKey: string;
  secret: string;
  spot: boolean;
  linear: boolean;
  testnet: boolean;
  advanced: boolean;
  baseUrl: string;
  historyStart: string;
  symbolScope: SymbolScope;
}

const INITIAL: FormState = {
  exchange: 'binance', label: '', apiKey: '', secret: '', spot: true, linear: true, testnet: false,
  advanced: false, baseUrl: '', historyStart: '', symbolScope: 'all',
};

function toDraft(form: FormState) {
  const marketTypes: MarketType[] = [...(form.spot ? ['spot' as const] : []), ...(form.linear ? ['linear' as const] : [])];
  return {
    exchange: form.exchange,
    label: form.label,
    apiKey: form.apiKey,
    secret: form.secret,
    marketTypes,
    testnet: form.testnet,
    baseUrl: form.advanced && form.baseUrl.trim() !== '' ? form.baseUrl.trim() : null,
    historyStart: form.historyStart === '' ? null : Date.parse(`${form.historyStart}T00:00:00Z`),
    symbolScope: form.symbolScope,
  };
}

/**
 * Adding an exchange account. The draft is checked with the very schema main enforces, so the
 * user sees field messages at once; main validates again (the renderer is never trusted). The key
 * and secret leave this form once, in the request, and are never shown or read back.
 */
export function AddAccountForm() {
  const { api } = useBooted();
  const close = () => useUiStore.getState().setAddingAccount(false);
  const [form, setForm] = useState<FormState>(INITIAL);
  const [touched, setTouched] = useState(false);
  const parsed = AccountDraftSchema.safeParse(toDraft(form));
  const issues = new Map<string, string>();
  if (!parsed.success) for (const issue of parsed.error.issues) issues.set(String(issue.path[0] ?? ''), issue.message);
  if (form.apiKey.trim() === '') issues.set('apiKey', 'is required');
  if (form.secret.trim() === '') issues.set('secret', 'is required');
  const show = (field: string): string | undefined => (touched ? issues.get(field) : undefined);
  const estimate = estimateAllScope(form.exchange);

  const save = useAction(async () => {
    const account = await unwrap(api.accounts.add(toDraft(form)));
    // Check the key right away, so a key that can trade or withdraw is flagged before the first sync.
    await unwrap(api.accounts.testConnection({ accountId: account.id })).catch(() => undefined);
    await unwrap(api.sync.request({ accountId: account.id, mode: 'full' }));
    useUiStore.getState().focusAccount(account.id);
    close();
  }, 'Could not add the account.');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (issues.size === 0) void save.run();
  };
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <form className="card form" onSubmit={submit} data-testid="add-account-form" noValidate>
      <h2>Add an exchange account</h2>
      <p className="muted small">Create a <strong>read-only</strong> API key on the exchange. The key is stored in your system keychain, never in the journal.</p>
      <Field label="Exchange">
        <select value={form.exchange} onChange={(e) => set('exchange', e.target.value === 'bybit' ? 'bybit' : 'binance')} data-testid="exchange">
          <option value="binance">Binance</option>
          <option value="bybit">Bybit</option>
        </select>
      </Field>
      <Field label="Label" error={show('label')}>
        <input value={form.label} onChange={(e) => set('label', e.target.value)} placeholder="e.g. Main account" data-testid="label" />
      </Field>
      <Field label="API key" error={show('apiKey')}>
        <input value={form.apiKey} onChange={(e) => set('apiKey', e.target.value)} autoComplete="off" spellCheck={false} data-testid="api-key" />
      </Field>
      <Field label="API secret" error={show('secret')}>
        <input type="password" value={form.secret} onChange={(e) => set('secret', e.target.value)} autoComplete="off" data-testid="api-secret" />
      </Field>
      <Field label="Markets" error={show('marketTypes')}>
        <div className="row">
          <label className="check"><input type="checkbox" checked={form.spot} onChange={(e) => set('spot', e.target.checked)} /> Spot</label>
          <label className="check"><input type="checkbox" checked={form.linear} onChange={(e) => set('linear', e.target.checked)} /> {form.exchange === 'binance' ? 'USD-M futures' : 'Linear perpetuals'}</label>
        </div>
      </Field>
      <Field label="History from" hint="Leave empty to import everything the exchange still serves." error={show('historyStart')}>
        <input type="date" value={form.historyStart} onChange={(e) => set('historyStart', e.target.value)} data-testid="history-start" />
      </Field>
      <Field
        label="Symbols to scan"
        hint={form.symbolScope === 'all' && estimate !== null
          ? `Finds every symbol you ever traded, delisted pairs included: the first sync asks every market once (about ${estimate.requests.toLocaleString()} requests, ~${Math.ceil(estimate.minutes)} min at the exchange's rate limit); later syncs ask only what can have changed.`
          : form.symbolScope === 'all'
            ? 'Finds every symbol you ever traded, delisted pairs included.'
            : 'Misses symbols whose assets you no longer hold and never deposited or withdrew (bought and sold back to zero, or traded against a quote you hold no more). Exchanges do not list the symbols you traded.'}
      >
        <select value={form.symbolScope} onChange={(e) => set('symbolScope', e.target.value === 'all' ? 'all' : 'held')} data-testid="symbol-scope">
          <option value="all">Every symbol ever traded (complete)</option>
          <option value="held">Held and known assets only (shortcut, can miss history)</option>
        </select>
      </Field>
      <label className="check"><input type="checkbox" checked={form.testnet} onChange={(e) => set('testnet', e.target.checked)} data-testid="testnet" /> Use the exchange's testnet</label>
      <details open={form.advanced} onToggle={(e) => set('advanced', e.currentTarget.open)}>
        <summary>Advanced</summary>
        <Field label="API base URL" hint="For proxies and the exchange simulator. Plain http is only safe on this machine." error={show('baseUrl')}>
          <input value={form.baseUrl} onChange={(e) => set('baseUrl', e.target.value)} placeholder="https://…" data-testid="base-url" />
        </Field>
      </details>
      {save.error !== null && <p className="error" role="alert" data-testid="form-error">{save.error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy} data-testid="save-account">{save.busy ? 'Checking the key…' : 'Add account'}</button>
        <button type="button" onClick={close}>Cancel</button>
      </div>
    </form>
  );
}
