import { assetFlowKey } from '../../domain/keys';
import type { AssetFlow, ExchangeId, Wallet } from '../../domain/types';
import { toAssetFlow, walletOf, type PendingRecord } from './pending-kinds';
import { LedgerIds } from './synthetic-id';
import { formatDecimal } from './values';

/**
 * Ledger exports list a convert as one row per coin (Binance statement: `Binance Convert`, USDT
 * -10 and BTC +0.0001 in one second; docs/EXPORTS.md, "Converts from a statement"). Stored one
 * leg per row, balances get them but the spot P&L books do not: shared/journal/conversions.ts
 * reads a convert as a trade only when one flow holds both legs, as the API's converts do
 * (shared/normalize/flows.ts). So the rows of one convert become one two-leg flow when that is
 * unambiguous: exactly two convert rows of one account, wallet and second, one negative and one
 * positive, of different coins. Anything else stays one flow per row, and the import says why.
 *
 * Dust is not paired: the books write off each dust leg on its own (conversions.ts), and one
 * dust conversion moves several coins into BNB in one second anyway.
 */

export const UNPAIRED_CONVERT_REASON = {
  crowded: 'convert rows with more than two legs in one second (which coin paid for which cannot be told): stored one leg per row, outside the spot P&L books',
  unmatched: 'convert rows without their other side in the same second: stored one leg per row, outside the spot P&L books',
} as const;
export type UnpairedConvertReason = (typeof UNPAIRED_CONVERT_REASON)[keyof typeof UNPAIRED_CONVERT_REASON];

export interface PairedFlows {
  /** Every pending row as a flow: converts paired where unambiguous, the rest one per row; file order by first row. */
  flows: AssetFlow[];
  /** Rows that stayed single-leg converts, per reason. */
  unpaired: { reason: UnpairedConvertReason; rows: number }[];
}

/** What the pairing rule reads of one convert leg, whether a file row or a stored single-leg flow. */
export interface ConvertLeg {
  exchange: ExchangeId;
  accountId: string;
  wallet: Wallet;
  asset: string;
  /** Signed: positive = received. */
  amount: number;
  timestamp: number;
  /** The export's operation name (stored as the flow's `rawType`). */
  operation: string;
}

export interface MatchedConvertLegs<T> {
  /** The unambiguous pairs, in the order of their first leg. */
  pairs: { out: T; into: T }[];
  /** Legs left single, per reason. */
  unpaired: { reason: UnpairedConvertReason; legs: T[] }[];
}

/**
 * The rule: the convert legs of one account, wallet and time (the statement's second) pair when
 * there are exactly two, one negative and one positive, of different coins. The ONE place it is
 * decided, for file rows (`pairConverts`) and for single-leg flows an earlier release stored
 * (`pairStoredConverts`).
 */
export function matchConvertLegs<T>(legs: readonly T[], view: (leg: T) => ConvertLeg): MatchedConvertLegs<T> {
  const groups = new Map<string, T[]>();
  for (const leg of legs) {
    const v = view(leg);
    const id = `${v.exchange}\u0000${v.accountId}\u0000${v.wallet}\u0000${v.timestamp}`;
    const g = groups.get(id);
    if (g === undefined) groups.set(id, [leg]);
    else g.push(leg);
  }
  const pairs: { out: T; into: T }[] = [];
  const unpaired = new Map<UnpairedConvertReason, T[]>();
  const note = (reason: UnpairedConvertReason, group: T[]): void => void unpaired.set(reason, [...(unpaired.get(reason) ?? []), ...group]);
  for (const group of groups.values()) {
    const [a, b] = group;
    if (group.length > 2) {
      note(UNPAIRED_CONVERT_REASON.crowded, group);
      continue;
    }
    const out = a !== undefined && view(a).amount < 0 ? a : b;
    const into = out === a ? b : a;
    if (group.length < 2 || out === undefined || into === undefined || !(view(out).amount < 0) || !(view(into).amount > 0) || view(out).asset === view(into).asset) {
      note(UNPAIRED_CONVERT_REASON.unmatched, group);
      continue;
    }
    pairs.push({ out, into });
  }
  return { pairs, unpaired: [...unpaired].map(([reason, rows]) => ({ reason, legs: rows })) };
}

/**
 * The two-leg flow of a pair. Its id is deterministic (re-import yields the same key; `ids`
 * numbers identical pairs of one file or account) and starts `csv-`, so flow-match tells it is
 * from a file.
 */
export function pairedConvertFlow(ids: LedgerIds, out: ConvertLeg, into: ConvertLeg): AssetFlow {
  const flowId = ids.next('convert', out.timestamp, `${out.asset}-${formatDecimal(-out.amount)}`, into.amount, `to ${into.asset}`);
  return {
    key: assetFlowKey(out.exchange, out.accountId, 'convert', flowId), accountId: out.accountId, exchange: out.exchange, kind: 'convert',
    rawType: out.operation, flowId, timestamp: out.timestamp,
    legs: [{ wallet: out.wallet, asset: out.asset, amount: out.amount }, { wallet: into.wallet, asset: into.asset, amount: into.amount }],
  };
}

const fileLeg = (r: PendingRecord): ConvertLeg => ({ ...r, wallet: walletOf(r.wallet) });

export function pairConverts(records: readonly PendingRecord[]): PairedFlows {
  const matched = matchConvertLegs(records.filter((r) => r.kind === 'convert'), fileLeg);
  const ids = new LedgerIds();
  const pairedBy = new Map<PendingRecord, AssetFlow>();
  for (const { out, into } of matched.pairs) {
    const flow = pairedConvertFlow(ids, fileLeg(out), fileLeg(into));
    pairedBy.set(out, flow);
    pairedBy.set(into, flow);
  }
  const flows: AssetFlow[] = [];
  const placed = new Set<AssetFlow>();
  for (const r of records) {
    const paired = pairedBy.get(r);
    if (paired === undefined) {
      flows.push(toAssetFlow(r));
      continue;
    }
    // Placed at its first row; the other row's leg is already in it.
    if (!placed.has(paired)) {
      placed.add(paired);
      flows.push(paired);
    }
  }
  return { flows, unpaired: matched.unpaired.map(({ reason, legs }) => ({ reason, rows: legs.length })) };
}
