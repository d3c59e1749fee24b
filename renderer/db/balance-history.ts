import { Dexie } from 'dexie';
import type { Account } from '../../shared/domain/types';
import { BINANCE_PAGING, BYBIT_PAGING } from '../../shared/exchanges';
import { reconcileBalances, type BalanceLine, type ReconcileInput } from '../../shared/journal/balances';
import type { JournalDb } from './schema';

/**
 * Reads what balance reconciliation needs for one account: spot fills (futures fills move no
 * balance themselves), deposits/withdrawals, futures income, asset flows and the balance
 * snapshots, each through its [accountId+timestamp] index. On demand only: it reads the account's
 * whole history.
 */
export async function readBalanceHistory(db: JournalDb, accountId: string): Promise<Omit<ReconcileInput, 'exchange' | 'oldestServed'>> {
  const range: [unknown[], unknown[]] = [[accountId], [accountId, Dexie.maxKey]];
  return db.transaction('r', [db.trades, db.movements, db.income, db.assetFlows, db.balances], async () => ({
    trades: await db.trades.where('[accountId+timestamp]').between(...range).filter((t) => t.marketType === 'spot').toArray(),
    movements: await db.movements.where('[accountId+timestamp]').between(...range).toArray(),
    income: await db.income.where('[accountId+timestamp]').between(...range).toArray(),
    flows: await db.assetFlows.where('[accountId+timestamp]').between(...range).toArray(),
    snapshots: await db.balances.where('[accountId+timestamp]').between(...range).toArray(),
  }));
}

/** How far back each wallet's history is served, so a difference can be blamed on it. */
export function oldestServed(account: Account, now: number): ReconcileInput['oldestServed'] {
  if (account.exchange === 'bybit') return { unified: now - BYBIT_PAGING.execution.historyMs };
  // Binance futures income: the last 3 months only.
  return { linear: now - BINANCE_PAGING.income.historyMs };
}

export async function reconcileAccountBalances(db: JournalDb, account: Account, now: number): Promise<BalanceLine[]> {
  const history = await readBalanceHistory(db, account.id);
  return reconcileBalances({ exchange: account.exchange, ...history, oldestServed: oldestServed(account, now) });
}
