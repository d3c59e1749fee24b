import { useState } from 'react';
import { useAction } from '../../common/useAction';
import { useBooted } from '../../context';
import { toTradeFilter } from '../filters';
import { positionsOf, resultsFor, usePairResults } from '../positions/positionsStore';
import { pairsFor, useLedgers } from '../positions/useSymbolPairs';
import { useJournalStore } from '../state/journalStore';
import { useAccounts } from '../useAccounts';
import { csvFileName, downloadFile } from './download';
import { positionCsvParts, tradeCsvParts } from './exportCsv';

/** Exports the trades of the current filter, and the computed positions of the current selection. */
export function ExportSection() {
  const { db } = useBooted();
  const filters = useJournalStore((s) => s.filters);
  const { label } = useAccounts(db);
  const pairs = pairsFor(useLedgers(db) ?? [], filters.accountId, filters.symbol);
  const results = usePairResults(db, pairs);
  const [rows, setRows] = useState<number | null>(null);
  const scope = { account: filters.accountId === null ? null : label(filters.accountId), symbol: filters.symbol };
  const positions = positionsOf(resultsFor(results, pairs));

  const exportTrades = useAction(async () => {
    const parts = await tradeCsvParts(db, toTradeFilter(filters), setRows);
    downloadFile(csvFileName('trades', scope, Date.now()), parts);
  }, 'The trades could not be exported.');
  const exportPositions = () => downloadFile(csvFileName('positions', scope, Date.now()), positionCsvParts(positions));

  return (
    <section className="card stack" data-testid="csv-export">
      <h3>Export</h3>
      <p className="muted small">Uses the filters above (account, symbol, side, dates; the tag filter does not apply). Columns are the app’s own CSV format, which it can import again.</p>
      <div className="row">
        <button type="button" onClick={() => void exportTrades.run()} disabled={exportTrades.busy} data-testid="export-trades">Export trades CSV</button>
        {exportTrades.busy && rows !== null && <span className="muted small">{rows.toLocaleString()} rows…</span>}
        <button type="button" onClick={exportPositions} disabled={positions.length === 0} data-testid="export-positions">Export {positions.length.toLocaleString()} positions CSV</button>
        {positions.length === 0 && <span className="muted small">No positions for this selection.</span>}
        {exportTrades.error !== null && <span className="error">{exportTrades.error}</span>}
      </div>
    </section>
  );
}
