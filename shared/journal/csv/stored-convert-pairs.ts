import type { AssetFlow } from '../../domain/types';
import { matchConvertLegs, pairedConvertFlow, type ConvertLeg } from './convert-pairs';
import { isFileFlowId } from './flow-match';
import { LedgerIds } from './synthetic-id';

/**
 * Statement converts an earlier release stored one leg per flow (docs/EXPORTS.md, "Converts from a
 * statement"). Their keys are not the paired flow's, so re-importing the file would store the
 * paired flow beside them and count the convert twice. This rewrites stored single-leg file
 * converts to the paired shape and key by the import's own rule (`matchConvertLegs`): legs of one
 * account, wallet and second that pair become the flow a re-import yields, and the single legs go.
 * A pair already stored (the file re-imported after the change) only loses its single legs.
 * Crowded seconds and lone legs stay as they are, as the import leaves them.
 */

export interface StoredConvertRepair {
  /** Two-leg flows to store. */
  add: AssetFlow[];
  /** Single-leg flows to delete. */
  remove: AssetFlow[];
}

const isFileConvert = (f: AssetFlow): boolean => f.kind === 'convert' && isFileFlowId(f.flowId);

function storedLeg(f: AssetFlow): ConvertLeg {
  const leg = f.legs[0];
  if (leg === undefined) throw new Error(`flow ${f.key} has no leg`);
  return { exchange: f.exchange, accountId: f.accountId, wallet: leg.wallet, asset: leg.asset, amount: leg.amount, timestamp: f.timestamp, operation: f.rawType };
}

/** The same convert whatever its key: account, time and both legs. */
function signature(f: AssetFlow): string {
  return JSON.stringify([f.exchange, f.accountId, f.timestamp, f.legs.map((l) => [l.wallet, l.asset, l.amount])]);
}

/**
 * `stored`: the flows of the seconds to repair (any kinds; others are ignored), of one or more
 * accounts. Every stored flow of those seconds must be passed, or a pair could be judged on a
 * part of its second.
 */
export function pairStoredConverts(stored: readonly AssetFlow[]): StoredConvertRepair {
  const converts = stored.filter(isFileConvert);
  // Deterministic order, so the ids of identical pairs (numbered per account) are stable.
  const singles = converts.filter((f) => f.legs.length === 1)
    .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.timestamp - b.timestamp || a.key.localeCompare(b.key));
  const present = new Set(converts.filter((f) => f.legs.length === 2).map(signature));
  const taken = new Set(stored.map((f) => f.key));
  const idsByAccount = new Map<string, LedgerIds>();
  const add: AssetFlow[] = [];
  const remove: AssetFlow[] = [];
  for (const { out, into } of matchConvertLegs(singles, storedLeg).pairs) {
    let ids = idsByAccount.get(out.accountId);
    if (ids === undefined) {
      ids = new LedgerIds();
      idsByAccount.set(out.accountId, ids);
    }
    let flow = pairedConvertFlow(ids, storedLeg(out), storedLeg(into));
    // The id leaves out the wallet: an equal convert of another wallet in that second may hold it.
    while (taken.has(flow.key) && !present.has(signature(flow))) flow = pairedConvertFlow(ids, storedLeg(out), storedLeg(into));
    remove.push(out, into);
    if (!present.has(signature(flow))) {
      present.add(signature(flow));
      taken.add(flow.key);
      add.push(flow);
    }
  }
  return { add, remove };
}
