import { assertNever } from '../../../shared/never';
import { CsvPanel } from './csv/CsvPanel';
import { DashboardPanel } from './dashboard/DashboardPanel';
import { FilterBar } from './FilterBar';
import { JournalErrorBoundary } from './JournalErrorBoundary';
import { TradeHistory } from './history/TradeHistory';
import { EntryEditorPanel } from './notes/EntryEditor';
import { NotesPanel } from './notes/NotesPanel';
import { PositionsPanel } from './positions/PositionsPanel';
import { JOURNAL_TABS, useJournalStore } from './state/journalStore';
import type { JournalTab } from './state/journalStore';
import './journal.css';

const TAB_LABEL: Record<JournalTab, string> = { history: 'Trades', positions: 'Positions', dashboard: 'Dashboard', notes: 'Notes', csv: 'CSV' };

/** The journal: trade history, positions, dashboard, notes and CSV, over one shared filter bar. */
export function JournalView() {
  const tab = useJournalStore((s) => s.tab);
  const body = () => {
    switch (tab) {
      case 'history':
        return <TradeHistory />;
      case 'positions':
        return <PositionsPanel />;
      case 'dashboard':
        return <DashboardPanel />;
      case 'notes':
        return <NotesPanel />;
      case 'csv':
        return <CsvPanel />;
      default:
        return assertNever(tab, 'journal tab');
    }
  };
  return (
    <div className="stack jr" data-testid="journal">
      <div className="jr-tabs" role="tablist" aria-label="Journal">
        {JOURNAL_TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={t === tab} className={t === tab ? 'jr-tab active' : 'jr-tab'} onClick={() => useJournalStore.getState().setTab(t)} data-testid={`journal-tab-${t}`}>
            {TAB_LABEL[t]}
          </button>
        ))}
      </div>
      <FilterBar />
      <div className="jr-body">
        <div className="jr-main"><JournalErrorBoundary resetKey={tab}>{body()}</JournalErrorBoundary></div>
        <JournalErrorBoundary resetKey={tab}><EntryEditorPanel /></JournalErrorBoundary>
      </div>
    </div>
  );
}
