import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue } from 'react';
import { assertNever } from '../../shared/never';
import { useUiStore } from '../state/uiStore';
import { AccountsPanel } from './AccountsPanel';
import { ActivityView } from './activity/ActivityView';
import { CoverageView } from './coverage-map/CoverageView';
import { FirstRun } from './FirstRun';
import { Header } from './Header';
import { Nav } from './Nav';
import { Notices } from './Notices';
import { SettingsView } from './settings/SettingsView';
import { AddAccountForm } from './accounts/AddAccountForm';
import { JournalView } from './journal/JournalView';
import { useBooted } from './context';

export function App() {
  const { db } = useBooted();
  // The body follows a click one render later, in a transition: React renders a view that mounts a
  // lot (the journal: its first page, filters, live queries) in slices that yield to input and to
  // commits landing, instead of one long task inside the click (docs/BENCHMARKS.md, "UI during a
  // large first sync"). The Nav marks the clicked view at once.
  const view = useDeferredValue(useUiStore((s) => s.view));
  const adding = useUiStore((s) => s.addingAccount);
  // undefined while the first query runs: render nothing rather than flash the first-run card.
  const accounts = useLiveQuery(async () => (await db.accounts.toArray()).sort((a, b) => a.createdAt - b.createdAt), [db]);
  const body = () => {
    if (accounts === undefined) return null;
    switch (view) {
      case 'accounts':
        if (accounts.length === 0) return adding ? <AddAccountForm /> : <FirstRun />;
        return <AccountsPanel accounts={accounts} />;
      case 'journal':
        return <JournalView />;
      case 'coverage':
        return <CoverageView />;
      case 'activity':
        return <ActivityView />;
      case 'settings':
        return <SettingsView />;
      default:
        return assertNever(view, 'view');
    }
  };
  return (
    <div className="app">
      <Header />
      <Nav />
      <Notices />
      <main className="content">{body()}</main>
    </div>
  );
}
