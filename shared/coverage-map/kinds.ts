import type { MarketType } from '../domain/types';

/**
 * The kinds of history the coverage map tracks, as data: a kind stored by another part of the
 * journal later (converts, rewards, transfers) is one more entry here, with its `store` set.
 * `store` names where the rows live (`balances`: snapshots, checked against the history); null = recognized in exports but not stored yet (see
 * shared/journal/csv/pending-kinds.ts), so the map shows its API horizon and the export to keep.
 */
export const COVERAGE_KINDS = [
  { id: 'spotFills', label: 'Spot fills', store: 'trades', marketType: 'spot', per: 'symbol' },
  { id: 'futuresFills', label: 'Futures fills', store: 'trades', marketType: 'linear', per: 'symbol' },
  { id: 'income', label: 'Futures income (funding, P&L, fees)', store: 'income', marketType: 'linear', per: 'symbol' },
  { id: 'movements', label: 'Deposits and withdrawals', store: 'movements', marketType: null, per: 'asset' },
  { id: 'transfers', label: 'Transfers between wallets', store: null, marketType: null, per: 'asset' },
  { id: 'converts', label: 'Converts and dust', store: null, marketType: null, per: 'asset' },
  { id: 'rewards', label: 'Rewards and distributions', store: null, marketType: null, per: 'asset' },
  /** Not a history: the exchange's spot balance per asset against what the stored history explains. */
  { id: 'balances', label: 'Spot balances', store: 'balances', marketType: 'spot', per: 'asset' },
] as const satisfies readonly { id: string; label: string; store: 'trades' | 'income' | 'movements' | 'balances' | null; marketType: MarketType | null; per: 'symbol' | 'asset' }[];

export type CoverageKind = (typeof COVERAGE_KINDS)[number];
export type CoverageKindId = CoverageKind['id'];

export function coverageKind(id: CoverageKindId): CoverageKind {
  const kind = COVERAGE_KINDS.find((k) => k.id === id);
  if (kind === undefined) throw new Error(`unknown coverage kind ${id}`);
  return kind;
}
