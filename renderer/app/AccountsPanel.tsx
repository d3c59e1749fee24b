import type { Account } from '../../shared/domain/types';
import { AccountCard } from './AccountCard';

export function AccountsPanel({ accounts }: { accounts: Account[] }) {
  return (
    <section className="accounts" data-testid="accounts">
      <h2>Accounts</h2>
      <div className="account-grid">
        {accounts.map((account) => <AccountCard key={account.id} account={account} />)}
      </div>
    </section>
  );
}
