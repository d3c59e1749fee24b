import type { AssetFlow, BalanceSnapshot, ExchangeId, Income, Movement, Trade } from '../domain/types';

/**
 * Per-asset balance reconciliation: the balance the imported history adds up to, against the
 * balance the exchange reported, with the difference and its likely cause.
 *
 * Wallets follow the exchange: Binance keeps a spot wallet (deposits, withdrawals incl. their fee,
 * spot fills and fees, converts, dust, distributions, transfers in/out) and a USD-M wallet (every
 * futures income row: realized P&L, commissions, funding, transfers). Bybit's unified wallet holds
 * both (deposits, withdrawals, spot fills, every transaction-log row). Futures fills move no
 * balance themselves: their P&L and fees arrive as income.
 */

export type ReconcileWallet = 'spot' | 'linear' | 'unified';

export type BalanceCause =
  /** Equal within rounding. */
  | 'matches'
  /** The exchange gave no balance for this wallet (not synced yet, or the market type is off). */
  | 'no_exchange_balance'
  /** The history starts where the exchange stops serving it: older rows are missing. */
  | 'history_older_than_api'
  /** A kind of history that changes this balance is not imported for this exchange. */
  | 'kind_not_imported'
  /** None of the above: something moved the balance that the journal does not know. */
  | 'unexplained';

export interface BalanceLine {
  wallet: ReconcileWallet;
  asset: string;
  computed: number;
  exchange: number | null;
  /** exchange - computed; null without an exchange balance. */
  difference: number | null;
  cause: BalanceCause;
}

export interface ReconcileInput {
  exchange: ExchangeId;
  trades: readonly Trade[];
  movements: readonly Movement[];
  income: readonly Income[];
  flows: readonly AssetFlow[];
  snapshots: readonly BalanceSnapshot[];
  /**
   * Per wallet, the oldest time the exchange still serves its history (e.g. Binance futures income:
   * 3 months). History that starts within a day of it probably began earlier.
   */
  oldestServed?: Partial<Record<ReconcileWallet, number>>;
}

const DAY_MS = 86_400_000;
/** Binance serves only the newest 100 dust conversions: with that many stored, older ones may be missing. */
const DUST_LOG_RECORDS = 100;

/** Wallet strings carry 8 decimals; sums of many rows add a little float error. */
export function balancesMatch(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 + 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

type Totals = Map<string, number>;

function add(totals: Totals, asset: string, amount: number): void {
  totals.set(asset, (totals.get(asset) ?? 0) + amount);
}

function spotAssets(symbol: string): [string, string] | null {
  const [base, quote] = symbol.split('/');
  return base === undefined || quote === undefined || quote.includes(':') ? null : [base, quote];
}

export function computedBalances(input: Omit<ReconcileInput, 'snapshots'>): Map<ReconcileWallet, Totals> {
  const unified = input.exchange === 'bybit';
  const spot: Totals = new Map();
  const linear: Totals = unified ? spot : new Map();
  for (const m of input.movements) {
    if (m.status !== 'ok') continue;
    add(spot, m.currency, m.type === 'deposit' ? m.amount : -(m.amount + m.fee));
  }
  for (const t of input.trades) {
    if (t.marketType !== 'spot') continue;
    const pair = spotAssets(t.symbol);
    if (pair === null) continue;
    const sign = t.side === 'buy' ? 1 : -1;
    add(spot, pair[0], sign * t.amount);
    add(spot, pair[1], -sign * t.cost);
    if (t.feeCurrency !== null && t.feeCost !== 0) add(spot, t.feeCurrency, -t.feeCost);
  }
  for (const i of input.income) add(linear, i.asset, i.amount);
  for (const f of input.flows) {
    // The USD-M side of a transfer is already in futures income (TRANSFER rows).
    for (const leg of f.legs) if (leg.wallet === 'spot') add(spot, leg.asset, leg.amount);
  }
  return unified ? new Map([['unified', spot]]) : new Map([['spot', spot], ['linear', linear]]);
}

/** Newest snapshot per wallet (Bybit reports its unified wallet under each market type: any will do). */
function exchangeBalances(input: ReconcileInput): Map<ReconcileWallet, Totals> {
  const out = new Map<ReconcileWallet, Totals>();
  const newest = new Map<ReconcileWallet, BalanceSnapshot>();
  for (const s of input.snapshots) {
    const wallet: ReconcileWallet = input.exchange === 'bybit' ? 'unified' : s.marketType;
    const seen = newest.get(wallet);
    if (seen === undefined || s.timestamp > seen.timestamp) newest.set(wallet, s);
  }
  for (const [wallet, s] of newest) out.set(wallet, new Map(s.balances.map((b) => [b.currency, b.total])));
  return out;
}

function earliestOf(input: ReconcileInput, wallet: ReconcileWallet): number | null {
  const times = wallet === 'linear' ? input.income.map((i) => i.timestamp) : [...input.movements, ...input.trades.filter((t) => t.marketType === 'spot')].map((r) => r.timestamp);
  return times.length === 0 ? null : Math.min(...times);
}

function causeOf(input: ReconcileInput, wallet: ReconcileWallet): BalanceCause {
  const oldest = input.oldestServed?.[wallet];
  const earliest = earliestOf(input, wallet);
  if (oldest !== undefined && (earliest === null || earliest <= oldest + DAY_MS)) return 'history_older_than_api';
  if (wallet === 'spot' && input.flows.filter((f) => f.kind === 'dust').length >= DUST_LOG_RECORDS) return 'history_older_than_api';
  // Binance moves spot balances through converts, dust, distributions and transfers too.
  if (input.exchange !== 'bybit' && wallet === 'spot' && input.flows.length === 0) return 'kind_not_imported';
  if (input.exchange === 'bybit') return 'kind_not_imported';
  return 'unexplained';
}

export function reconcileBalances(input: ReconcileInput): BalanceLine[] {
  const computed = computedBalances(input);
  const reported = exchangeBalances(input);
  const lines: BalanceLine[] = [];
  for (const [wallet, totals] of computed) {
    const ex = reported.get(wallet);
    const assets = new Set([...totals.keys(), ...(ex?.keys() ?? [])]);
    for (const asset of [...assets].sort()) {
      const c = totals.get(asset) ?? 0;
      if (ex === undefined) {
        if (!balancesMatch(c, 0)) lines.push({ wallet, asset, computed: c, exchange: null, difference: null, cause: 'no_exchange_balance' });
        continue;
      }
      const e = ex.get(asset) ?? 0;
      if (balancesMatch(c, 0) && balancesMatch(e, 0)) continue;
      const ok = balancesMatch(c, e);
      lines.push({ wallet, asset, computed: c, exchange: e, difference: e - c, cause: ok ? 'matches' : causeOf(input, wallet) });
    }
  }
  return lines;
}

export const BALANCE_CAUSE_TEXT: Readonly<Record<BalanceCause, string>> = {
  matches: 'Matches the exchange.',
  no_exchange_balance: 'No balance from the exchange yet: run a full sync.',
  history_older_than_api: 'History starts where the exchange stops serving it; older activity is missing (import an export file).',
  kind_not_imported: 'A kind of history that changes this balance is not imported (converts, earn, transfers).',
  unexplained: 'Something moved this balance that the journal does not know about.',
};
