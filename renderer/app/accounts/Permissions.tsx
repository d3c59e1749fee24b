import type { KeyPermissions } from '../../../shared/domain/engine';

/** Shows what the key may do; a key that can trade or withdraw is called out: the journal needs read-only. */
export function Permissions({ permissions }: { permissions: KeyPermissions }) {
  const risky = permissions.canTrade || permissions.canWithdraw;
  return (
    <div className={`permissions ${risky ? 'permissions-risky' : ''}`} data-testid="permissions">
      <span>Read {permissions.canRead ? '✓' : '✗'}</span>
      <span>Trade {permissions.canTrade ? '✓' : '✗'}</span>
      <span>Withdraw {permissions.canWithdraw ? '✓' : '✗'}</span>
      {permissions.ipRestricted !== null && <span>IP-restricted {permissions.ipRestricted ? '✓' : '✗'}</span>}
      {risky && (
        <p className="warn small" data-testid="risky-key-warning">
          This key can {permissions.canTrade && permissions.canWithdraw ? 'trade and withdraw' : permissions.canTrade ? 'trade' : 'withdraw'}.
          Tradelog only reads: create a read-only key on the exchange and replace this one.
        </p>
      )}
    </div>
  );
}
