import { assetFlowKey } from '../../domain/keys';
import type { AssetFlow } from '../../domain/types';
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

/** The flow id of a paired convert: deterministic (re-import yields the same key), `csv-` so flow-match tells it is from a file. */
function pairId(ids: LedgerIds, out: PendingRecord, into: PendingRecord): string {
  return ids.next('convert', out.timestamp, `${out.asset}-${formatDecimal(-out.amount)}`, into.amount, `to ${into.asset}`);
}

export function pairConverts(records: readonly PendingRecord[]): PairedFlows {
  const groups = new Map<string, PendingRecord[]>();
  for (const r of records) {
    if (r.kind !== 'convert') continue;
    const id = `${r.exchange}\u0000${r.accountId}\u0000${walletOf(r.wallet)}\u0000${r.timestamp}`;
    const g = groups.get(id);
    if (g === undefined) groups.set(id, [r]);
    else g.push(r);
  }
  const ids = new LedgerIds();
  const pairedBy = new Map<PendingRecord, AssetFlow>();
  const counts = new Map<UnpairedConvertReason, number>();
  const note = (reason: UnpairedConvertReason, rows: number): void => void counts.set(reason, (counts.get(reason) ?? 0) + rows);
  for (const group of groups.values()) {
    const [a, b] = group;
    if (group.length > 2) {
      note(UNPAIRED_CONVERT_REASON.crowded, group.length);
      continue;
    }
    const out = a !== undefined && a.amount < 0 ? a : b;
    const into = out === a ? b : a;
    if (group.length < 2 || out === undefined || into === undefined || !(out.amount < 0) || !(into.amount > 0) || out.asset === into.asset) {
      note(UNPAIRED_CONVERT_REASON.unmatched, group.length);
      continue;
    }
    const flowId = pairId(ids, out, into);
    const wallet = walletOf(out.wallet);
    const flow: AssetFlow = {
      key: assetFlowKey(out.exchange, out.accountId, 'convert', flowId), accountId: out.accountId, exchange: out.exchange, kind: 'convert',
      rawType: out.operation, flowId, timestamp: out.timestamp,
      legs: [{ wallet, asset: out.asset, amount: out.amount }, { wallet, asset: into.asset, amount: into.amount }],
    };
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
  return { flows, unpaired: [...counts].map(([reason, rows]) => ({ reason, rows })) };
}
