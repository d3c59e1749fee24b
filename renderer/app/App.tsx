import { useLiveQuery } from 'dexie-react-hooks';
import { AccountsPanel } from './AccountsPanel';
import { FirstRun } from './FirstRun';
import { Header } from './Header';
import { Notices } from './Notices';
import { useBooted } from './context';

export function App() {
  const { db } = useBooted();
  // undefined while the first query runs: render nothing rather than flash the first-run card.
  const accounts = useLiveQuery(async () => (await db.accounts.toArray()).sort((a, b) => a.createdAt - b.createdAt), [db]);
  return (
    <div className="app">
      <Header />
      <Notices />
      <main className="content">
        {accounts === undefined ? null : accounts.length === 0 ? <FirstRun /> : <AccountsPanel accounts={accounts} />}
      </main>
    </div>
  );
}
