import type { ExchangeId } from '../../domain/types';

/**
 * Rows of ledger exports whose kind the journal does not store yet: converts, dust conversions,
 * rewards/distributions and transfers between the exchange's own wallets. They are read, keyed and
 * counted, so an import says "recognized, N rows of kind X, stored once the journal has that kind".
 *
 * This is the ONE place that maps export operations to these kinds and defines their record: when
 * the journal gains a table for them, wire `PendingRecord` to it here (the key is already unique
 * and deterministic, so re-imports stay idempotent).
 */
export const PENDING_KINDS = ['convert', 'dust', 'reward', 'transfer'] as const;
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
  /** `${exchange}|${accountId}|${kind}|${synthetic id}`: unique per balance change, stable across re-imports. */
  key: string;
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

/** Per-kind counts for the import result: what was recognized and is waiting for its table. */
export function countPending(records: readonly PendingRecord[]): { kind: PendingKind; rows: number }[] {
  return PENDING_KINDS.map((kind) => ({ kind, rows: records.filter((r) => r.kind === kind).length })).filter((c) => c.rows > 0);
}
