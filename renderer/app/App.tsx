import { useLiveQuery } from 'dexie-react-hooks';
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
  const view = useUiStore((s) => s.view);
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
