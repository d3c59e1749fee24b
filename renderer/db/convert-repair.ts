import type { Table } from 'dexie';
import type { AssetFlow } from '../../shared/domain/types';
import { flowCoverageKind } from '../../shared/coverage-map/kinds';
import { isFileFlowId } from '../../shared/journal/csv/flow-match';
import { pairStoredConverts, type StoredConvertRepair } from '../../shared/journal/csv/stored-convert-pairs';
import type { ImportSummary } from './records';

/** The tables a repair writes: the flows and their file summaries (the coverage map's rows). */
export interface ConvertRepairTables {
  assetFlows: Table<AssetFlow, string>;
  importSummaries: Table<ImportSummary, [string, string, string]>;
}

/**
 * Applies `pairStoredConverts` to stored flows, in the caller's transaction: deletes the single
 * legs, stores the pairs, and moves the file summaries by the difference (a pair replacing its
 * two legs leaves each coin's row count as it was; a duplicate's legs going take theirs away).
 * Returns what it stored, for the caller to bring the P&L books up to date with.
 */
export async function applyConvertRepair(tables: ConvertRepairTables, repair: StoredConvertRepair): Promise<AssetFlow[]> {
  if (repair.remove.length === 0) return [];
  await tables.assetFlows.bulkDelete(repair.remove.map((f) => f.key));
  await tables.assetFlows.bulkAdd(repair.add);
  const delta = new Map<string, { accountId: string; kind: string; key: string; rows: number }>();
  const count = (f: AssetFlow, by: number): void => {
    for (const asset of new Set(f.legs.map((l) => l.asset))) {
      const id = `${f.accountId}\u0000${asset}`;
      const d = delta.get(id) ?? { accountId: f.accountId, kind: flowCoverageKind(f.kind), key: asset, rows: 0 };
      delta.set(id, { ...d, rows: d.rows + by });
    }
  };
  for (const f of repair.add) count(f, 1);
  for (const f of repair.remove) count(f, -1);
  const changed = [...delta.values()].filter((d) => d.rows !== 0);
  const stored = await tables.importSummaries.bulkGet(changed.map((d): [string, string, string] => [d.accountId, d.kind, d.key]));
  await tables.importSummaries.bulkPut(changed.flatMap((d, i) => {
    const row = stored[i];
    return row === undefined ? [] : [{ ...row, rows: Math.max(0, row.rows + d.rows) }];
  }));
  return repair.add;
}

/**
 * Repairs the stored single-leg file converts in the accounts and seconds where `written` holds
 * file converts (a file import or a restore just wrote them), in the caller's transaction. Reads
 * every flow of those seconds, so a pair is never judged on part of its second.
 */
export async function repairConvertsAround(tables: ConvertRepairTables, written: readonly AssetFlow[]): Promise<AssetFlow[]> {
  const keys = new Map<string, [string, number]>();
  for (const f of written) {
    if (f.kind === 'convert' && isFileFlowId(f.flowId)) keys.set(`${f.accountId}\u0000${f.timestamp}`, [f.accountId, f.timestamp]);
  }
  if (keys.size === 0) return [];
  const stored = await tables.assetFlows.where('[accountId+timestamp]').anyOf([...keys.values()]).toArray();
  return applyConvertRepair(tables, pairStoredConverts(stored));
}
