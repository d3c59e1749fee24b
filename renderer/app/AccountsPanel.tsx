import type { Account } from '../../shared/domain/types';
import { useUiStore } from '../state/uiStore';
import { AccountCard } from './AccountCard';
import { AddAccountForm } from './accounts/AddAccountForm';

export function AccountsPanel({ accounts }: { accounts: Account[] }) {
  const adding = useUiStore((s) => s.addingAccount);
  return (
    <section className="accounts stack" data-testid="accounts">
      <div className="row spread">
        <h2>Accounts</h2>
        {!adding && <button type="button" onClick={() => useUiStore.getState().setAddingAccount(true)} data-testid="add-account">Add account</button>}
      </div>
      {adding && <AddAccountForm />}
      <div className="account-grid">
        {accounts.map((account) => <AccountCard key={account.id} account={account} />)}
      </div>
    </section>
  );
}
