import { horizonTime } from '../../coverage-map/horizons';
import { flowCoverageKind } from '../../coverage-map/kinds';
import type { AssetFlow, AssetFlowKind, ExchangeId } from '../../domain/types';
import { assertNever } from '../../never';
import { timeResolution } from './match';

/**
 * Which converts, dust, rewards and wallet transfers of an export file are stored (docs/EXPORTS.md,
 * "File and API meet", rule 6). The exports carry no exchange ids for these rows (Binance's
 * statement has none; Bybit's logs none the API's rows share), so there is nothing to match a
 * file row to an API row by; instead a file row is stored only where sync cannot deliver it:
 *
 * - Binance (and the demo exchange, which speaks its API): before the kind's API horizon
 *   (shared/coverage-map/horizons.ts: converts one year, distributions five years, transfers six
 *   months, dust none before 2020-12-01), or before the oldest row of that kind sync stored. Sync
 *   walks each kind's windows from oldest to newest (dust: the newest 100 at once), so nothing
 *   older than its oldest stored row exists in the API's reach.
 * - Bybit: the unified account's transaction log is what sync reads, and it stores those rows as
 *   income: a row of the unified wallet is stored before the transaction log's horizon or the
 *   account's oldest income row. Sync does not read the funding account: its rows are always stored.
 *
 * Times are compared at the file's resolution (csv/match.ts `timeResolution`: seconds for these
 * exports, the API's are milliseconds): a row is stored only when its whole second (or minute)
 * lies before the cut, so the file's copy of sync's oldest row (`12:00:00` for `12:00:00.700`)
 * is never stored beside it. The price: a row in the very second of the cut that sync does not
 * serve is left out too (rare: two flows of one kind in one second exactly at the edge).
 *
 * Everything else is left to sync. File rows never count as "stored by sync" (their flowId
 * starts with `csv-`), so importing an older file first does not move the cut. A re-import
 * yields the same keys (synthetic ids number identical rows within the file), which the store's
 * unique key skips.
 */

export interface FlowReach {
  /** The oldest row sync stored per kind (flowId not from a file). */
  oldestSynced: Partial<Record<AssetFlowKind, number>>;
  /** The account's oldest income row (Bybit's transaction log lands there). */
  oldestIncome: number | null;
}

export const isFileFlowId = (flowId: string): boolean => flowId.startsWith('csv-');

/** The time before which a file row of `flow`'s kind and wallet is stored. */
export function fileFlowCut(exchange: ExchangeId, flow: Pick<AssetFlow, 'kind' | 'legs'>, reach: FlowReach, now: number): number {
  const horizon = horizonTime(exchange, flowCoverageKind(flow.kind), now) ?? Number.NEGATIVE_INFINITY;
  switch (exchange) {
    case 'binance':
    case 'demo':
      return Math.max(horizon, reach.oldestSynced[flow.kind] ?? Number.NEGATIVE_INFINITY);
    case 'bybit':
      if (flow.legs.every((l) => l.wallet === 'funding')) return Number.POSITIVE_INFINITY;
      return Math.max(horizon, reach.oldestIncome ?? Number.NEGATIVE_INFINITY);
    default:
      return assertNever(exchange, 'exchange');
  }
}

export function planFileFlows(exchange: ExchangeId, flows: readonly AssetFlow[], reach: FlowReach, now: number): { kept: AssetFlow[]; leftToSync: AssetFlow[] } {
  const kept: AssetFlow[] = [];
  const leftToSync: AssetFlow[] = [];
  const resolution = timeResolution(flows.map((f) => f.timestamp));
  for (const f of flows) (f.timestamp + resolution <= fileFlowCut(exchange, f, reach, now) ? kept : leftToSync).push(f);
  return { kept, leftToSync };
}

/** The reach from the account's stored flows (any order). */
export function flowReach(stored: readonly Pick<AssetFlow, 'kind' | 'flowId' | 'timestamp'>[], oldestIncome: number | null): FlowReach {
  const oldestSynced: Partial<Record<AssetFlowKind, number>> = {};
  for (const f of stored) {
    if (isFileFlowId(f.flowId)) continue;
    oldestSynced[f.kind] = Math.min(oldestSynced[f.kind] ?? Number.POSITIVE_INFINITY, f.timestamp);
  }
  return { oldestSynced, oldestIncome };
}
