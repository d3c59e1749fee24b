import type { Account } from '../../../../shared/domain/types';
import { useJournalStore } from '../state/journalStore';

/** Dashboard accounts: tick several; "as filtered" goes back to the filter bar's choice. */
export function AccountPicker({ accounts, selected }: { accounts: readonly Account[]; selected: readonly string[] | null }) {
  const picked = useJournalStore((s) => s.dashboardAccounts);
  if (accounts.length < 2) return null;
  const isOn = (id: string) => selected === null || selected.includes(id);
  const toggle = (id: string) => {
    const current = selected ?? accounts.map((a) => a.id);
    const next = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
    useJournalStore.getState().setDashboardAccounts(next);
  };
  return (
    <div className="row small" role="group" aria-label="Dashboard accounts" data-testid="dashboard-accounts">
      <span className="muted">Accounts:</span>
      {accounts.map((a) => (
        <label key={a.id} className="check"><input type="checkbox" checked={isOn(a.id)} onChange={() => toggle(a.id)} />{a.label}</label>
      ))}
      {picked !== null && <button type="button" className="link" onClick={() => useJournalStore.getState().setDashboardAccounts(null)}>as filtered</button>}
    </div>
  );
}
