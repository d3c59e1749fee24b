import type { AssetFlowKind, MarketType, SyncStream } from '../domain/types';

/**
 * The kinds of history the coverage map tracks, as data: a new kind is one more entry here.
 * `store` names where the rows live (`balances`: snapshots, checked against the history;
 * `assetFlows`: the wallet kinds, `flowKind` says which `AssetFlow.kind`); `stream` is the sync
 * stream whose checkpoint verifies the kind (null: none).
 */
export const COVERAGE_KINDS = [
  { id: 'spotFills', label: 'Spot fills', store: 'trades', flowKind: null, stream: 'trades', marketType: 'spot', per: 'symbol' },
  { id: 'futuresFills', label: 'Futures fills', store: 'trades', flowKind: null, stream: 'trades', marketType: 'linear', per: 'symbol' },
  { id: 'income', label: 'Futures income (funding, P&L, fees)', store: 'income', flowKind: null, stream: 'income', marketType: 'linear', per: 'symbol' },
  { id: 'movements', label: 'Deposits and withdrawals', store: 'movements', flowKind: null, stream: 'movements', marketType: null, per: 'asset' },
  { id: 'transfers', label: 'Transfers between wallets', store: 'assetFlows', flowKind: 'transfer', stream: 'transfers', marketType: null, per: 'asset' },
  { id: 'converts', label: 'Converts', store: 'assetFlows', flowKind: 'convert', stream: 'converts', marketType: null, per: 'asset' },
  { id: 'dust', label: 'Dust conversions', store: 'assetFlows', flowKind: 'dust', stream: 'dust', marketType: null, per: 'asset' },
  { id: 'rewards', label: 'Rewards and distributions', store: 'assetFlows', flowKind: 'reward', stream: 'rewards', marketType: null, per: 'asset' },
  /** Not a history: the exchange's balance per wallet and asset against what the stored history adds up to (shared/journal/balances.ts). */
  { id: 'balances', label: 'Balances', store: 'balances', flowKind: null, stream: null, marketType: null, per: 'asset' },
] as const satisfies readonly {
  id: string; label: string; store: 'trades' | 'income' | 'movements' | 'assetFlows' | 'balances'; flowKind: AssetFlowKind | null; stream: SyncStream | null; marketType: MarketType | null; per: 'symbol' | 'asset';
}[];

export type CoverageKind = (typeof COVERAGE_KINDS)[number];
export type CoverageKindId = CoverageKind['id'];

export function coverageKind(id: CoverageKindId): CoverageKind {
  const kind = COVERAGE_KINDS.find((k) => k.id === id);
  if (kind === undefined) throw new Error(`unknown coverage kind ${id}`);
  return kind;
}

/** The coverage kind of an asset flow's kind (each wallet kind is its own section). */
export function flowCoverageKind(kind: AssetFlowKind): CoverageKindId {
  const found = COVERAGE_KINDS.find((k) => k.flowKind === kind);
  if (found === undefined) throw new Error(`no coverage kind for asset flow kind ${kind}`);
  return found.id;
}
