import { assetFlowKey } from '../../domain/keys';
import type { AssetFlow, AssetFlowKind, ExchangeId, Wallet } from '../../domain/types';
import { normalizeHeader } from './columns';

/**
 * Rows of ledger exports that are wallet kinds: converts, dust conversions, rewards/distributions
 * and transfers between the exchange's own wallets. They are read as `PendingRecord`s (the row as
 * the export states it) and stored as `AssetFlow`s (`toAssetFlow`), the same table sync's wallet
 * streams write (docs/HISTORY-KINDS.md); which of them are stored is the rule of docs/EXPORTS.md
 * (`csv/flow-match.ts`).
 *
 * This is the ONE place that maps export operations to these kinds.
 */
export const PENDING_KINDS = ['convert', 'dust', 'reward', 'transfer'] as const satisfies readonly AssetFlowKind[];
export type PendingKind = (typeof PENDING_KINDS)[number];

export const PENDING_KIND_LABEL: Record<PendingKind, string> = {
  convert: 'converts',
  dust: 'dust conversions',
  reward: 'rewards and distributions',
  transfer: 'transfers between wallets',
};

/** One balance change of a pending kind, as the export states it. */
export interface PendingDraft {
  exchange: ExchangeId;
  kind: PendingKind;
  /** The export's own operation name (`Binance Convert`, `Small Assets Exchange BNB`...). */
  operation: string;
  /** The wallet the export names (`Spot`, `USD-M Futures`, `Funding`), or '' when it names none. */
  wallet: string;
  asset: string;
  /** Signed: positive = received. */
  amount: number;
  timestamp: number;
}

export interface PendingRecord extends PendingDraft {
  accountId: string;
  /** The synthetic id (`csv-<kind>-<ms>-<asset>-<amount>-<operation>-<n>`): the file carries no exchange id. */
  flowId: string;
  /** assetFlowKey(exchange, accountId, kind, flowId): unique per balance change, stable across re-imports. */
  key: string;
}

/**
 * The wallet an export's account column names. Bybit's unified trading account is its one
 * trading wallet, which balance reconciliation counts under `spot` (shared/journal/balances.ts);
 * Binance's Earn, margin and COIN-M wallets are not reconciled: `other`.
 */
const WALLET_NAMES: Readonly<Record<string, Wallet>> = {
  spot: 'spot',
  funding: 'funding',
  usdmfutures: 'linear',
  usdtfutures: 'linear',
  umfutures: 'linear',
  unified: 'spot',
  unifiedtrading: 'spot',
};

export function walletOf(name: string): Wallet {
  return WALLET_NAMES[normalizeHeader(name)] ?? 'other';
}

/** One file row = one flow of one leg: the export lists each side of a convert or transfer as its own row. */
export function toAssetFlow(r: PendingRecord): AssetFlow {
  return {
    key: assetFlowKey(r.exchange, r.accountId, r.kind, r.flowId),
    accountId: r.accountId,
    exchange: r.exchange,
    kind: r.kind,
    rawType: r.operation,
    flowId: r.flowId,
    timestamp: r.timestamp,
    legs: [{ wallet: walletOf(r.wallet), asset: r.asset, amount: r.amount }],
  };
}

/**
 * Binance "Generate all statements" operations of the pending kinds, by normalized name
 * (lower case, letters and digits only). Binance has renamed several over the years; every
 * spelling seen in published exports is listed.
 */
const BINANCE_OPERATIONS: Record<string, PendingKind> = {
  binanceconvert: 'convert',
  largeotctrading: 'convert',
  smallassetsexchangebnb: 'dust',
  smallassetexchangebnb: 'dust',
  distribution: 'reward',
  airdropassets: 'reward',
  cashvoucherdistribution: 'reward',
  commissionhistory: 'reward',
  referralkickback: 'reward',
  referralcommission: 'reward',
  commissionrebate: 'reward',
  simpleearnflexibleinterest: 'reward',
  simpleearnlockedrewards: 'reward',
  simpleearnlockedrewardsincome: 'reward',
  stakingrewards: 'reward',
  eth20stakingrewards: 'reward',
  launchpoolinterest: 'reward',
  launchpoolairdrop: 'reward',
  savingsinterest: 'reward',
  posavingsinterest: 'reward',
  cryptobox: 'reward',
  bnbvaultrewards: 'reward',
  transferbetweenspotandumfutures: 'transfer',
  transferbetweenspotandcmfutures: 'transfer',
  transferbetweenmainandfundingwallet: 'transfer',
  transferbetweenmainaccountandfundingaccount: 'transfer',
  transferfundstospot: 'transfer',
  transferfundstofundingwallet: 'transfer',
  transferaccount: 'transfer',
  transferin: 'transfer',
  transferout: 'transfer',
  simpleearnflexiblesubscription: 'transfer',
  simpleearnflexibleredemption: 'transfer',
  simpleearnlockedsubscription: 'transfer',
  simpleearnlockedredemption: 'transfer',
  stakingpurchase: 'transfer',
  stakingredemption: 'transfer',
  savingspurchase: 'transfer',
  savingsprincipalredemption: 'transfer',
};

export function binancePendingKind(normalizedOperation: string): PendingKind | null {
  return BINANCE_OPERATIONS[normalizedOperation] ?? null;
}

/** Bybit transaction-log types of the pending kinds (normalized). */
const BYBIT_TYPES: Record<string, PendingKind> = {
  transferin: 'transfer',
  transferout: 'transfer',
  currencybuy: 'convert',
  currencysell: 'convert',
  convert: 'convert',
  bonus: 'reward',
  airdrop: 'reward',
  interest: 'reward',
};

export function bybitPendingKind(normalizedType: string): PendingKind | null {
  return BYBIT_TYPES[normalizedType] ?? null;
}

/** Per-kind counts for the import preview. */
export function countPending(records: readonly PendingRecord[]): { kind: PendingKind; rows: number }[] {
  return PENDING_KINDS.map((kind) => ({ kind, rows: records.filter((r) => r.kind === kind).length })).filter((c) => c.rows > 0);
}
