import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Account } from '../../../shared/domain/types';
import type { JournalDb } from '../../db/schema';

export interface AccountsInfo {
  accounts: Account[];
  label: (accountId: string) => string;
}

/** The accounts (live, oldest first) and a label lookup that names removed accounts too. */
export function useAccounts(db: JournalDb): AccountsInfo {
  const accounts = useLiveQuery(async () => (await db.accounts.toArray()).sort((a, b) => a.createdAt - b.createdAt), [db]);
  const list = accounts ?? [];
  const label = useCallback((accountId: string) => accounts?.find((a) => a.id === accountId)?.label ?? accountId, [accounts]);
  return { accounts: list, label };
}
