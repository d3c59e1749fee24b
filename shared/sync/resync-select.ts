/**
 * Which symbols a trades sync asks. No exchange lists the symbols an account traded, so the first
 * complete sync asks every candidate once; after that a symbol is asked when there is evidence it
 * can have new fills, and the rest are re-verified in a rotating slice so that each one is asked
 * at least once per period. Evidence (docs/SYNC-STATUS.md, "Re-syncs"):
 * - never asked, or touched by a later run that did not finish (it may be mid-history);
 * - its base asset's balance moved since the last complete trades sync, or a deposit, withdrawal
 *   or wallet flow (convert, dust, reward, transfer) touched it in this run;
 * - its quote asset moved and it already holds fills (a buy and a sell of equal size leave the base
 *   where it was, but not the quote);
 * - other direct evidence (futures income names the symbol of every fill).
 */

export type AskReason = 'first' | 'new' | 'unfinished' | 'base' | 'quote' | 'evidence' | 'rotation';

export interface ResyncCandidate {
  symbol: string;
  base: string;
  quote: string;
  /** When its history was last read to its end (its checkpoint's time); null = never asked. */
  verifiedAt: number | null;
  hasRows: boolean;
}

export interface ResyncInputs {
  candidates: readonly ResyncCandidate[];
  /** When the last complete trades sync of this market type ended; null = never (ask all). */
  lastCompleteAt: number | null;
  changedAssets: ReadonlySet<string>;
  evidenced: ReadonlySet<string>;
  now: number;
  /** Every candidate is asked at least once in this period. */
  periodMs: number;
}

export interface ResyncPlan {
  ask: { symbol: string; reason: AskReason }[];
  skipped: number;
}

/** Balance totals that differ between two snapshots (an asset absent from one counts as 0). */
export function changedBalances(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Set<string> {
  const out = new Set<string>();
  for (const asset of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if ((before[asset] ?? 0) !== (after[asset] ?? 0)) out.add(asset);
  }
  return out;
}

function reasonFor(c: ResyncCandidate, i: ResyncInputs, lastCompleteAt: number): AskReason | null {
  if (c.verifiedAt === null) return 'new';
  if (c.verifiedAt > lastCompleteAt) return 'unfinished';
  if (i.changedAssets.has(c.base)) return 'base';
  if (c.hasRows && i.changedAssets.has(c.quote)) return 'quote';
  if (i.evidenced.has(c.symbol)) return 'evidence';
  return null;
}

export function planResync(i: ResyncInputs): ResyncPlan {
  const lastCompleteAt = i.lastCompleteAt;
  if (lastCompleteAt === null) return { ask: i.candidates.map((c) => ({ symbol: c.symbol, reason: 'first' })), skipped: 0 };
  const ask: ResyncPlan['ask'] = [];
  const rest: ResyncCandidate[] = [];
  for (const c of i.candidates) {
    const reason = reasonFor(c, i, lastCompleteAt);
    if (reason === null) rest.push(c);
    else ask.push({ symbol: c.symbol, reason });
  }
  // The rotating slice: the share of the period elapsed since the last complete sync, oldest
  // first, and never fewer than those already overdue.
  rest.sort((a, b) => (a.verifiedAt ?? 0) - (b.verifiedAt ?? 0) || a.symbol.localeCompare(b.symbol));
  const elapsed = Math.max(0, i.now - lastCompleteAt);
  const share = Math.ceil((rest.length * Math.min(elapsed, i.periodMs)) / Math.max(1, i.periodMs));
  const overdue = rest.filter((c) => (c.verifiedAt ?? 0) <= i.now - i.periodMs).length;
  const slice = Math.min(rest.length, Math.max(share, overdue));
  for (const c of rest.slice(0, slice)) ask.push({ symbol: c.symbol, reason: 'rotation' });
  return { ask, skipped: rest.length - slice };
}
