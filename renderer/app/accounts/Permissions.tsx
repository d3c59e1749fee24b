import type { KeyPermissions } from '../../../shared/domain/engine';

function mark(value: boolean | null): string {
  return value === null ? 'unknown' : value ? '✓' : '✗';
}

/** Shows what the key may do; a key that can trade or withdraw is called out: the journal needs read-only. */
export function Permissions({ permissions }: { permissions: KeyPermissions }) {
  const risky = permissions.canTrade === true || permissions.canWithdraw === true;
  return (
    <div className={`permissions ${risky || permissions.warning !== undefined ? 'permissions-risky' : ''}`} data-testid="permissions">
      <span>Read {mark(permissions.canRead)}</span>
      <span>Trade {mark(permissions.canTrade)}</span>
      <span>Withdraw {mark(permissions.canWithdraw)}</span>
      {permissions.ipRestricted !== null && <span>IP-restricted {mark(permissions.ipRestricted)}</span>}
      {risky && (
        <p className="warn small" data-testid="risky-key-warning">
          This key can {permissions.canTrade === true && permissions.canWithdraw === true ? 'trade and withdraw' : permissions.canTrade === true ? 'trade' : 'withdraw'}.
          Tradelog only reads: create a read-only key on the exchange and replace this one.
        </p>
      )}
      {permissions.warning !== undefined && <p className="warn small" data-testid="permissions-unknown">{permissions.warning}</p>}
    </div>
  );
}
