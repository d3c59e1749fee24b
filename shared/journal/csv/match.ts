import type { Trade } from '../../domain/types';

/**
 * The rule that stores a fill once when it arrives from a file and from the API
 * (docs/EXPORTS.md, "File and API meet"):
 *
 * 1. A file row with the exchange's own trade id has the same key as the API's row: the store's
 *    unique key keeps one.
 * 2. A file row without one (synthetic `csv-` id) matches a stored fill of the same account,
 *    market, symbol and side, whose time truncated to the file's time resolution equals the row's
 *    time, with equal price and quantity (compared at 12 significant digits). Matching counts:
 *    when the file holds n identical fills and the store m, max(0, n - m) are stored, so genuinely
 *    identical fills (two partial fills at one price in one second) are kept, never merged.
 * 3. The file's time resolution is what its rows show: whole minutes (Bybit's `22:37 2024-11-21`),
 *    whole seconds (Binance exports) or milliseconds.
 */
export function timeResolution(timestamps: Iterable<number>): number {
  let minute = true;
  let second = true;
  let any = false;
  for (const t of timestamps) {
    any = true;
    if (t % 60_000 !== 0) minute = false;
    if (t % 1000 !== 0) second = false;
  }
  if (!any) return 1;
  return minute ? 60_000 : second ? 1000 : 1;
}

const sig = (x: number): string => String(Number(x.toPrecision(12)));

export function fillFingerprint(t: Pick<Trade, 'marketType' | 'symbol' | 'side' | 'timestamp' | 'price' | 'amount'>, resolution: number): string {
  return [t.marketType, t.symbol, t.side, Math.floor(t.timestamp / resolution) * resolution, sig(t.price), sig(t.amount)].join('|');
}

export const isSyntheticTradeId = (tradeId: string): boolean => tradeId.startsWith('csv-');

export interface MatchResult {
  /** File rows to store. */
  kept: Trade[];
  /** File rows that are already stored (from the API or an earlier import). */
  matched: Trade[];
}

/**
 * Applies the rule to file rows against the stored fills of the same symbols and time span
 * (the caller reads those; it need not filter them more precisely).
 */
export function matchFileTrades(fileRows: readonly Trade[], stored: readonly Trade[], resolution: number): MatchResult {
  const available = new Map<string, number>();
  const storedKeys = new Set<string>();
  for (const s of stored) {
    storedKeys.add(s.key);
    const f = fillFingerprint(s, resolution);
    available.set(f, (available.get(f) ?? 0) + 1);
  }
  const kept: Trade[] = [];
  const matched: Trade[] = [];
  for (const row of fileRows) {
    if (storedKeys.has(row.key)) {
      // Same key: the store skips it; count it against its twin so it is not matched twice.
      const f = fillFingerprint(row, resolution);
      available.set(f, (available.get(f) ?? 0) - 1);
      matched.push(row);
      continue;
    }
    if (!isSyntheticTradeId(row.tradeId)) {
      kept.push(row);
      continue;
    }
    const f = fillFingerprint(row, resolution);
    const n = available.get(f) ?? 0;
    if (n > 0) {
      available.set(f, n - 1);
      matched.push(row);
    } else {
      kept.push(row);
    }
  }
  return { kept, matched };
}

/**
 * What the API can still deliver for one symbol. A file row without an exchange id inside the
 * API's reach but after what sync has stored would be stored twice once sync fetches it (sync
 * rows carry the exchange's ids), so it is left to sync: rule 4 in docs/EXPORTS.md.
 */
export interface ApiReach {
  /** The time before which the API no longer serves this kind; null = no time horizon. */
  horizon: number | null;
  /**
   * Newest time sync has stored for the symbol (its checkpoint); +Infinity when sync does not
   * fetch the symbol at all; null when the account has not synced this kind yet.
   */
  syncedThrough: number | null;
}

export function leftToSync(row: Pick<Trade, 'timestamp' | 'tradeId'>, reach: ApiReach): boolean {
  if (!isSyntheticTradeId(row.tradeId)) return false;
  if (reach.horizon !== null && row.timestamp < reach.horizon) return false;
  return reach.syncedThrough === null || row.timestamp > reach.syncedThrough;
}

export interface FilePlan extends MatchResult {
  /** File rows without exchange ids that sync will fetch (see ApiReach). */
  leftToSync: Trade[];
}

/** The whole decision for a file's fills: left to sync, matched to stored fills, or stored. */
export function planFileTrades(fileRows: readonly Trade[], stored: readonly Trade[], reach: (row: Trade) => ApiReach): FilePlan {
  const resolution = timeResolution(fileRows.filter((r) => isSyntheticTradeId(r.tradeId)).map((r) => r.timestamp));
  const left: Trade[] = [];
  const candidates: Trade[] = [];
  for (const row of fileRows) (leftToSync(row, reach(row)) ? left : candidates).push(row);
  return { ...matchFileTrades(candidates, stored, resolution), leftToSync: left };
}
