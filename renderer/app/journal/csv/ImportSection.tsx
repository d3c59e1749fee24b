import { useMemo, useState } from 'react';
import type { MarketType } from '../../../../shared/domain/types';
import { Field } from '../../common/Field';
import { useAction } from '../../common/useAction';
import { useBooted } from '../../context';
import { formatNumber, formatTime } from '../format';
import { useAccounts } from '../useAccounts';
import { previewImport } from './importPreview';
import type { FileImportOutcome } from '../../../db/file-import';
import { countPending, PENDING_KIND_LABEL } from '../../../../shared/journal/csv/pending-kinds';

const MAX_REJECTED_SHOWN = 100;

/** Import of an exchange's own trade-history CSV into an existing account: preview, then write with duplicates skipped. */
export function ImportSection() {
  const { db, writer } = useBooted();
  const { accounts } = useAccounts(db);
  const [accountId, setAccountId] = useState<string>('');
  const [marketType, setMarketType] = useState<MarketType | null>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [written, setWritten] = useState<FileImportOutcome | null>(null);
  const [progress, setProgress] = useState(0);
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  // Parsing a large export is not free: only when the file or an option changes, not on every render.
  const preview = useMemo(() => (file === null || account === undefined ? null : previewImport(file.text, account, { marketType, before: null, fileName: file.name })), [file, account, marketType]);
  const rowsReady = preview !== null && preview.ok ? preview.result.trades.length + preview.result.income.length + preview.result.movements.length + preview.result.flows.length + preview.result.closedPnl.length : 0;

  const readFile = useAction(async (picked: File) => {
    setWritten(null);
    setFile({ name: picked.name, text: await picked.text() });
  }, 'The file could not be read.');
  const write = useAction(async () => {
    if (preview === null || !preview.ok || preview.problems.length > 0 || account === undefined) return;
    setProgress(0);
    // The store worker writes it (and replays the symbols older history left stale).
    setWritten(await writer.importFile(account, preview.result, setProgress));
  }, 'The trades could not be stored; nothing of the failed chunk was written.');

  if (accounts.length === 0) return <section className="card"><h3>Import</h3><p className="muted">Add an account first: imported trades belong to an account.</p></section>;
  return (
    <section className="card stack" data-testid="csv-import">
      <h3>Import an exchange trade-history CSV</h3>
      <div className="row jr-filters">
        <Field label="Into account">
          <select value={account?.id ?? ''} onChange={(e) => { setAccountId(e.target.value); setWritten(null); }} data-testid="import-account">
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.label} ({a.exchange})</option>)}
          </select>
        </Field>
        <Field label="Market (if the file does not say)">
          <select value={marketType ?? ''} onChange={(e) => setMarketType(e.target.value === 'spot' || e.target.value === 'linear' ? e.target.value : null)}>
            <option value="">from the file</option>
            <option value="spot">spot</option>
            <option value="linear">futures (linear)</option>
          </select>
        </Field>
        <Field label="File"><input type="file" accept=".csv,text/csv" onChange={(e) => { const f = e.target.files?.[0]; if (f !== undefined) void readFile.run(f); }} data-testid="import-file" /></Field>
      </div>
      <p className="muted small">Fills already stored (same exchange id, or the same time, symbol, side, price and quantity) are not stored again; rows the API still serves and sync has not fetched yet are left to sync (docs/EXPORTS.md).</p>
      {readFile.error !== null && <p className="error">{readFile.error}</p>}
      {preview !== null && !preview.ok && (
        <div className="error" role="alert" data-testid="import-error">
          <p>{preview.message}</p>
          <ul>{preview.issues.slice(0, MAX_REJECTED_SHOWN).map((i) => <li key={i}>{i}</li>)}</ul>
        </div>
      )}
      {preview !== null && preview.ok && (
        <div className="stack" data-testid="import-preview">
          <p><strong>{file?.name}</strong>: {preview.formatLabel}. <strong data-testid="import-ok">{preview.result.trades.length.toLocaleString()}</strong> fills, {preview.result.income.length.toLocaleString()} income rows, {preview.result.movements.length.toLocaleString()} deposits/withdrawals ready, <strong data-testid="import-rejected">{preview.result.rejected.length.toLocaleString()}</strong> rejected, {preview.result.skipped.duplicates} repeated in the file.</p>
          {preview.result.skippedReasons.map((s) => <p key={s.reason} className="muted small">Skipped {s.rows.toLocaleString()} {s.reason}.</p>)}
          {countPending(preview.result.pending).map((c) => <p key={c.kind} className="muted small" data-testid="import-pending">{c.rows.toLocaleString()} rows of {PENDING_KIND_LABEL[c.kind]} ready (those sync can still fetch are left to sync).</p>)}
          {preview.result.closedPnl.length > 0 && <p className="muted small" data-testid="import-closed-pnl">{preview.result.closedPnl.length.toLocaleString()} closed P&amp;L summaries ready: kept as summaries for reconciliation and coverage, never counted as fills or income (docs/EXPORTS.md).</p>}
          {preview.result.unpairedConverts.map((u) => <p key={u.reason} className="muted small" data-testid="import-unpaired-converts">{u.rows.toLocaleString()} {u.reason}.</p>)}
          {preview.problems.map((p) => <p key={p} className="error">{p}</p>)}
          {preview.result.trades.length > 0 && (
            <table className="table">
              <thead><tr><th>Time (UTC)</th><th>Symbol</th><th>Side</th><th>Price</th><th>Amount</th><th>Fee</th></tr></thead>
              <tbody>{preview.result.trades.slice(0, 5).map((t) => <tr key={t.key}><td>{formatTime(t.timestamp)}</td><td>{t.symbol}</td><td>{t.side}</td><td className="num">{formatNumber(t.price)}</td><td className="num">{formatNumber(t.amount)}</td><td className="num">{formatNumber(t.feeCost)} {t.feeCurrency ?? ''}</td></tr>)}</tbody>
            </table>
          )}
          {preview.result.rejected.length > 0 && (
            <details open={preview.result.rejected.length <= 10}>
              <summary>Rejected lines</summary>
              <ul className="small">{preview.result.rejected.slice(0, MAX_REJECTED_SHOWN).map((r) => <li key={r.line}>line {r.line}: {r.reasons.join('; ')}</li>)}</ul>
            </details>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={write.busy || rowsReady === 0 || preview.problems.length > 0} onClick={() => void write.run()} data-testid="import-write">
              Import {rowsReady.toLocaleString()} rows
            </button>
            {write.busy && <span className="muted small">{progress.toLocaleString()} written…</span>}
            {written !== null && <span data-testid="import-result">Stored {written.trades.inserted.toLocaleString()} new trades, skipped {(written.trades.duplicates + written.trades.matched).toLocaleString()} already stored; {written.trades.leftToSync.toLocaleString()} left to sync. Income: {written.income.inserted.toLocaleString()} stored, {written.income.leftToSync.toLocaleString()} left to sync. Deposits/withdrawals: {written.movements.inserted.toLocaleString()} stored. Converts, dust, rewards and transfers: <span data-testid="import-flows">{written.flows.inserted.toLocaleString()}</span> stored, {written.flows.leftToSync.toLocaleString()} left to sync.{written.closedPnl.inserted + written.closedPnl.duplicates > 0 && <> Closed P&amp;L summaries: <span data-testid="import-closed-pnl-stored">{written.closedPnl.inserted.toLocaleString()}</span> stored, {written.closedPnl.duplicates.toLocaleString()} already stored.</>}</span>}
            {write.error !== null && <span className="error">{write.error}</span>}
          </div>
        </div>
      )}
    </section>
  );
}
