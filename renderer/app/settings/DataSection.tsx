import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { AppError } from '../../../shared/errors';
import { PURGE_CATEGORIES } from '../../../shared/store/port';
import type { PurgeCategory } from '../../../shared/store/port';
import { exportJournal } from '../../db/export';
import { unwrap } from '../../bridge/api';
import { downloadFile, fileStamp } from '../journal/csv/download';
import { Field } from '../common/Field';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';

const CATEGORY_LABEL: Record<PurgeCategory, string> = { trades: 'Trades', movements: 'Deposits & withdrawals', income: 'Funding & income', balances: 'Balance snapshots' };

/**
 * The journal is the only copy of the user's data: export it, restore it, or drop one category of
 * an account and fetch it again from the exchange. Notes and tags are kept by every one of these.
 */
export function DataSection() {
  const { api, db, writer } = useBooted();
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]);
  const [message, setMessage] = useState<string | null>(null);
  const [accountId, setAccountId] = useState('');
  const [category, setCategory] = useState<PurgeCategory>('trades');
  const [since, setSince] = useState('');

  const exporter = useAction(async () => {
    const parts: string[] = [];
    for await (const chunk of exportJournal(db)) parts.push(chunk);
    downloadFile(`tradelog-journal-${fileStamp(Date.now())}.jsonl`, parts, 'application/x-ndjson');
    setMessage(`Exported ${parts.length > 0 ? 'the whole journal' : 'an empty journal'}.`);
  }, 'The export failed.');

  const restorer = useAction(async (file: File) => {
    // The store worker reads the file itself (twice: validate, then write) and replays what it left stale.
    const result = await writer.restore(file);
    const inserted = Object.values(result.inserted).reduce((a, b) => a + b, 0);
    const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
    setMessage(`Restored ${inserted.toLocaleString()} records (${skipped.toLocaleString()} were already here). Accounts restored from another machine need their API keys entered again.`);
  }, 'That file could not be restored.');

  const purger = useAction(async () => {
    const account = accounts?.find((a) => a.id === accountId);
    if (account === undefined) throw new AppError('INVALID_INPUT', 'Choose an account.');
    // Main stops the account's jobs, has the store worker purge, then queues the re-fetch (main/handlers/data.ts).
    const sinceMs = since === '' ? null : Date.parse(`${since}T00:00:00Z`);
    const result = await unwrap(api.data.purgeAndRefetch({ accountId: account.id, category, since: sinceMs }));
    setMessage(`Removed ${result.rows.toLocaleString()} ${CATEGORY_LABEL[category].toLowerCase()} of ${account.label}; a fresh sync has started.`);
  }, 'The purge failed.');

  const onFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    if (file !== undefined) void restorer.run(file);
    event.target.value = '';
  };
  const error = exporter.error ?? restorer.error ?? purger.error;

  return (
    <section className="card form" data-testid="data-section">
      <h3>Your data</h3>
      <p className="muted small">The journal lives only on this computer. Export it now and then; a file restores everything but API keys.</p>
      <div className="actions">
        <button type="button" onClick={() => void exporter.run()} disabled={exporter.busy} data-testid="export-journal">{exporter.busy ? 'Exporting…' : 'Export journal'}</button>
        <label className="button-like">
          {restorer.busy ? 'Restoring…' : 'Restore from a file…'}
          <input type="file" accept=".jsonl,application/x-ndjson" onChange={onFile} disabled={restorer.busy} hidden data-testid="restore-journal" />
        </label>
      </div>
      <h4>Fetch one kind of data again</h4>
      <div className="row">
        <Field label="Account">
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)} data-testid="purge-account">
            <option value="">Choose…</option>
            {(accounts ?? []).map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          </select>
        </Field>
        <Field label="Data">
          <select value={category} onChange={(e) => setCategory(e.target.value as PurgeCategory)} data-testid="purge-category">
            {PURGE_CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_LABEL[c]}</option>)}
          </select>
        </Field>
        <Field label="Re-fetch from (UTC)" hint="Empty: as far back as the account's history start.">
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} data-testid="purge-since" />
        </Field>
      </div>
      <div className="actions">
        <button type="button" className="danger" onClick={() => void purger.run()} disabled={purger.busy || accountId === ''} data-testid="purge-run">Delete and fetch again</button>
      </div>
      {message !== null && <p className="small" role="status" data-testid="data-message">{message}</p>}
      {error !== null && <p className="error" role="alert" data-testid="data-error">{error}</p>}
    </section>
  );
}
