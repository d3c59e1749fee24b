import { profitFactor } from './stats';
import type { Position } from './types';

/**
 * Results per setup (playbook) and per mistake. A position's setups and mistakes are the
 * `setup:<name>` / `mistake:<name>` labels of its journal entry; a position with two setups
 * counts in both, one without any counts under "(no setup)".
 *
 * Per group: closed positions, win rate (wins / all), expectancy (net P&L per position, quote),
 * profit factor (as computeStats), and mean R over the positions that have a risk.
 */

export const SETUP_PREFIX = 'setup:';
export const MISTAKE_PREFIX = 'mistake:';
export const NO_SETUP = '(no setup)';

export interface LabelStats {
  name: string;
  trades: number;
  wins: number;
  netPnl: number;
  grossWin: number;
  grossLoss: number;
  winRate: number | null;
  expectancy: number | null;
  profitFactor: number | null;
  /** Mean R of the positions with a risk; null when none has one. */
  expectancyR: number | null;
  rCount: number;
}

interface Acc { name: string; trades: number; wins: number; netPnl: number; grossWin: number; grossLoss: number; rSum: number; rCount: number }

export function labelsOf(tags: readonly string[], prefix: string): string[] {
  return tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length)).filter((t) => t.length > 0);
}

/** Groups positions by label, one position at a time (one pass can feed several of these). */
export class LabelGroups {
  private readonly groups = new Map<string, Acc>();

  constructor(private readonly prefix: string, private readonly unlabelled: string | null = NO_SETUP, private readonly tolerance = 1e-9) {}

  /** `tags` undefined = the position has no journal labels at all (the common case: no allocation). */
  add(p: Pick<Position, 'netPnl'>, tags: readonly string[] | undefined, r: number | null): void {
    let labelled = false;
    if (tags !== undefined) {
      for (const tag of tags) {
        if (!tag.startsWith(this.prefix) || tag.length === this.prefix.length) continue;
        labelled = true;
        this.addTo(tag.slice(this.prefix.length), p, r);
      }
    }
    if (!labelled && this.unlabelled !== null) this.addTo(this.unlabelled, p, r);
  }

  /**
   * Adds a whole group's sums at once: the dashboard's "(no setup)" group is all positions minus
   * the labelled ones, from stored aggregates (docs/REVIEW.md).
   */
  addSums(name: string, sums: { trades: number; wins: number; netPnl: number; grossWin: number; grossLoss: number; rSum: number; rCount: number }): void {
    if (sums.trades <= 0) return;
    let g = this.groups.get(name);
    if (g === undefined) this.groups.set(name, (g = { name, trades: 0, wins: 0, netPnl: 0, grossWin: 0, grossLoss: 0, rSum: 0, rCount: 0 }));
    g.trades += sums.trades;
    g.wins += sums.wins;
    g.netPnl += sums.netPnl;
    g.grossWin += sums.grossWin;
    g.grossLoss += sums.grossLoss;
    g.rSum += sums.rSum;
    g.rCount += sums.rCount;
  }

  result(): LabelStats[] {
    return [...this.groups.values()]
      .map((g) => ({
        name: g.name, trades: g.trades, wins: g.wins, netPnl: g.netPnl, grossWin: g.grossWin, grossLoss: g.grossLoss,
        winRate: g.trades === 0 ? null : g.wins / g.trades,
        expectancy: g.trades === 0 ? null : g.netPnl / g.trades,
        profitFactor: profitFactor(g.grossWin, g.grossLoss),
        expectancyR: g.rCount === 0 ? null : g.rSum / g.rCount,
        rCount: g.rCount,
      }))
      .sort((a, b) => b.netPnl - a.netPnl || (a.name < b.name ? -1 : 1));
  }

  private addTo(name: string, p: Pick<Position, 'netPnl'>, r: number | null): void {
    let g = this.groups.get(name);
    if (g === undefined) this.groups.set(name, (g = { name, trades: 0, wins: 0, netPnl: 0, grossWin: 0, grossLoss: 0, rSum: 0, rCount: 0 }));
    g.trades++;
    g.netPnl += p.netPnl;
    if (p.netPnl > this.tolerance) {
      g.wins++;
      g.grossWin += p.netPnl;
    } else if (p.netPnl < -this.tolerance) {
      g.grossLoss += p.netPnl;
    }
    if (r !== null) {
      g.rSum += r;
      g.rCount++;
    }
  }
}

/**
 * @param tagsOf the journal tags of a position (by position id), or undefined
 * @param rOf the R of a position, or null when it has no risk
 */
export function statsByLabel(
  positions: readonly Position[],
  tagsOf: (positionId: string) => readonly string[] | undefined,
  prefix: string,
  rOf: (position: Position) => number | null = () => null,
  unlabelled: string | null = NO_SETUP,
  breakEvenTolerance = 1e-9,
): LabelStats[] {
  const groups = new LabelGroups(prefix, unlabelled, breakEvenTolerance);
  for (const p of positions) if (p.closedAt !== null) groups.add(p, tagsOf(p.id), rOf(p));
  return groups.result();
}
