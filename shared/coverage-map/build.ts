import type { ExchangeId, MarketType, Side, SyncStream } from '../domain/types';
import { BALANCE_CAUSE_TEXT, type BalanceLine } from '../journal/balances';
import { exportGuide, type ExportGuideId } from '../journal/csv/export-guide';
import type { ClosedPnlCoverage } from './closed-pnl-gaps';
import { API_HORIZONS, horizonTime } from './horizons';
import { COVERAGE_KINDS, type CoverageKind, type CoverageKindId } from './kinds';

/** Rows of one kind for one symbol or asset: their time range. */
export interface SeriesSummary {
  kind: CoverageKindId;
  /** Symbol (`BTC/USDT:USDT`) or asset (`USDT`). */
  key: string;
  first: number;
  last: number;
  rows: number;
}

export interface CheckpointSummary {
  stream: SyncStream;
  marketType: MarketType | null;
  symbol: string;
  lastTimestamp: number | null;
  updatedAt: number;
}

/** The oldest stored fill of a symbol: a sell or a closing fill there means the position opened earlier. */
export interface FirstFill {
  symbol: string;
  marketType: MarketType;
  side: Side;
  timestamp: number;
  exchangeRealizedPnl: number | null;
}

export interface CoverageInput {
  account: { id: string; exchange: ExchangeId; historyStart: number | null; classic?: boolean };
  now: number;
  /** Everything stored, per kind and symbol/asset (all sources). */
  stored: readonly SeriesSummary[];
  /** What file imports stored, per kind and symbol/asset (the importSummaries table). */
  fromFiles: readonly SeriesSummary[];
  checkpoints: readonly CheckpointSummary[];
  firstFills: readonly FirstFill[];
  /** FUNDING_FEE income per symbol. */
  funding: readonly SeriesSummary[];
  /**
   * The per-wallet, per-asset reconciliation (shared/journal/balances.ts) and when the newest
   * snapshot was taken, or null when it was not run (it reads the whole history: on demand).
   */
  balances: { checkedAt: number; lines: readonly BalanceLine[] } | null;
  /** Imported closed P&L records per symbol and the runs of them no stored fill covers (closed-pnl-gaps.ts); absent = none imported. */
  closedPnl?: readonly ClosedPnlCoverage[];
}

export type GapAction =
  | { kind: 'export'; exportId: ExportGuideId; name: string; where: string; from: number | null; to: number }
  | { kind: 'refetch'; stream: SyncStream; from: number; to: number };

export const GAP_TYPES = ['before-horizon', 'count-limit', 'opened-before-first-fill', 'income-without-fills', 'fills-without-income', 'closed-pnl-without-fills', 'balance-mismatch'] as const;
export type GapType = (typeof GAP_TYPES)[number];

export interface Gap {
  type: GapType;
  message: string;
  action: GapAction;
}

export type Source = 'api' | 'file';

export interface CoverageRow {
  kind: CoverageKindId;
  /** Symbol or asset; '' for the kind as a whole (its horizon gap). */
  key: string;
  first: number | null;
  last: number | null;
  rows: number;
  sources: Source[];
  fileFirst: number | null;
  fileLast: number | null;
  lastVerified: number | null;
  gaps: Gap[];
}

export interface CoverageKindSection {
  kind: CoverageKind;
  /** The date before which the API no longer serves this kind; null = no time horizon. */
  horizon: number | null;
  horizonNote: string;
  rows: CoverageRow[];
}

/** Funding is paid every 8 hours: fills spanning more than this with no funding at all are suspect. */
const FUNDING_INTERVAL = 8 * 3_600_000;

function exportAction(exportId: ExportGuideId, from: number | null, to: number): GapAction {
  const g = exportGuide(exportId);
  return { kind: 'export', exportId, name: g.name, where: g.where, from, to };
}

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * The coverage map of one account: per kind (COVERAGE_KINDS) and symbol/asset, what is stored,
 * from which source, until when the API can still serve it, when it was last verified, and each
 * gap with the one action that fills it (an export with its date range, or a re-fetch).
 */
export function buildCoverage(input: CoverageInput): CoverageKindSection[] {
  const { account, now } = input;
  return COVERAGE_KINDS.map((kind) => {
    const horizon = horizonTime(account.exchange, kind.id, now, account.classic === true ? { classic: true } : {});
    const rule = API_HORIZONS[account.exchange][kind.id];
    const stream = kind.stream;
    if (kind.id === 'balances') return { kind, horizon, horizonNote: rule.note, rows: balanceRows(input, rule.exportId) };
    const keys = new Set<string>([...input.stored, ...input.fromFiles].filter((s) => s.kind === kind.id).map((s) => s.key));
    // A contract known only from closed P&L records still gets its row: that is where its missing fills show.
    if (kind.id === 'futuresFills') for (const c of input.closedPnl ?? []) if (c.uncovered.length > 0) keys.add(c.symbol);
    const rows: CoverageRow[] = [...keys].sort().map((key) => {
      const stored = input.stored.find((s) => s.kind === kind.id && s.key === key);
      const file = input.fromFiles.find((s) => s.kind === kind.id && s.key === key);
      // Per-symbol checkpoint, else the stream's account-wide one (income and movements sync account-wide).
      const checkpoint = stream === null ? undefined : (input.checkpoints.find((c) => c.stream === stream && c.symbol === key) ?? input.checkpoints.find((c) => c.stream === stream && c.symbol === ''));
      const sources: Source[] = [];
      // Rows beyond what files stored came from sync.
      if ((stored?.rows ?? 0) > (file?.rows ?? 0)) sources.push('api');
      if (file !== undefined && file.rows > 0) sources.push('file');
      return {
        kind: kind.id,
        key,
        first: stored?.first ?? file?.first ?? null,
        last: stored?.last ?? file?.last ?? null,
        rows: stored?.rows ?? file?.rows ?? 0,
        sources,
        fileFirst: file?.first ?? null,
        fileLast: file?.last ?? null,
        lastVerified: checkpoint?.updatedAt ?? null,
        gaps: symbolGaps(kind, key, stored, input),
      };
    });
    const whole = kindGaps(kind, input, horizon, rule.countLimit, rule.exportId);
    if (whole.length > 0) rows.unshift({ kind: kind.id, key: '', first: null, last: null, rows: 0, sources: [], fileFirst: null, fileLast: null, lastVerified: null, gaps: whole });
    return { kind, horizon, horizonNote: rule.note, rows };
  });
}

/** History older than the API horizon that no file import reaches back to. */
function kindGaps(kind: CoverageKind, input: CoverageInput, horizon: number | null, countLimit: number | null, exportId: ExportGuideId): Gap[] {
  const gaps: Gap[] = [];
  const start = input.account.historyStart;
  const fileFirst = Math.min(...input.fromFiles.filter((s) => s.kind === kind.id).map((s) => s.first));
  if (horizon !== null && (start === null || start < horizon) && !(fileFirst <= horizon)) {
    gaps.push({
      type: 'before-horizon',
      message: `The API no longer serves ${kind.label.toLowerCase()} before ${day(horizon)}${start === null ? '' : ` (the account's history starts ${day(start)})`}: only the exchange's export has them.`,
      action: exportAction(exportId, start, horizon),
    });
  }
  if (countLimit !== null && !(fileFirst < Infinity)) {
    gaps.push({
      type: 'count-limit',
      message: `The API keeps only the newest ${countLimit} ${kind.label.toLowerCase()}: older ones are only in the export.`,
      action: exportAction(exportId, start, input.now),
    });
  }
  return gaps;
}

function symbolGaps(kind: CoverageKind, key: string, stored: SeriesSummary | undefined, input: CoverageInput): Gap[] {
  const gaps: Gap[] = [];
  const exchange = input.account.exchange;
  if (kind.store !== 'trades' && kind.id !== 'income') return gaps;
  const fillsKind: CoverageKindId = kind.marketType === 'spot' ? 'spotFills' : 'futuresFills';
  const tradeExport = API_HORIZONS[exchange][fillsKind].exportId;
  const first = input.firstFills.find((f) => f.symbol === key);
  const funding = input.funding.find((f) => f.key === key);

  if (kind.store === 'trades' && first !== undefined) {
    const opensEarlier = first.marketType === 'spot' ? first.side === 'sell' : first.exchangeRealizedPnl !== null && first.exchangeRealizedPnl !== 0;
    if (opensEarlier) {
      gaps.push({
        type: 'opened-before-first-fill',
        message:
          first.marketType === 'spot'
            ? `The oldest stored ${key} fill (${day(first.timestamp)}) is a sell: the coins were bought earlier (or deposited).`
            : `The oldest stored ${key} fill (${day(first.timestamp)}) closes a position: it was opened earlier.`,
        action: exportAction(tradeExport, null, first.timestamp),
      });
    }
  }
  if (kind.id === 'futuresFills' && stored !== undefined && stored.last - stored.first > FUNDING_INTERVAL) {
    const overlaps = funding !== undefined && funding.first <= stored.last && funding.last >= stored.first;
    if (!overlaps) {
      const incomeHorizon = horizonTime(exchange, 'income', input.now);
      const servable = incomeHorizon === null || stored.first >= incomeHorizon;
      gaps.push({
        type: 'fills-without-income',
        message: `${key} has fills from ${day(stored.first)} to ${day(stored.last)} but no funding in that time.`,
        action: servable
          ? { kind: 'refetch', stream: 'income', from: stored.first, to: stored.last }
          : exportAction(API_HORIZONS[exchange].income.exportId, stored.first, Math.min(stored.last, incomeHorizon ?? stored.last)),
      });
    }
  }
  if (kind.id === 'futuresFills') {
    for (const run of input.closedPnl?.find((c) => c.symbol === key)?.uncovered ?? []) {
      gaps.push({
        type: 'closed-pnl-without-fills',
        message: `${run.records} closed P&L record${run.records === 1 ? '' : 's'} of ${key} from ${day(run.from)} to ${day(run.to)} ${run.records === 1 ? 'has' : 'have'} no stored fills: the positions they close are missing from the journal.`,
        action: exportAction(tradeExport, run.from, run.to),
      });
    }
  }
  if (kind.id === 'income' && funding !== undefined) {
    const fillsFirst = input.stored.find((s) => s.kind === 'futuresFills' && s.key === key)?.first ?? null;
    if (fillsFirst === null || funding.first < fillsFirst - FUNDING_INTERVAL) {
      const to = fillsFirst ?? funding.last;
      const fillsHorizon = horizonTime(exchange, 'futuresFills', input.now);
      gaps.push({
        type: 'income-without-fills',
        message: fillsFirst === null ? `${key} has funding from ${day(funding.first)} but no fills.` : `${key} has funding from ${day(funding.first)}, its oldest fill is ${day(fillsFirst)}.`,
        action: fillsHorizon !== null && funding.first < fillsHorizon ? exportAction(tradeExport, funding.first, to) : { kind: 'refetch', stream: 'trades', from: funding.first, to },
      });
    }
  }
  return gaps;
}

/**
 * One row per wallet and asset of the balance reconciliation (shared/journal/balances.ts, the same
 * computation as the Positions tab's card): a balance the stored history does not add up to is a
 * gap whose fix is the ledger export, which holds the converts, dust, rewards, transfers and older
 * activity that explain such differences. No exchange balance yet is not a history gap: a full
 * sync takes one.
 */
function balanceRows(input: CoverageInput, exportId: ExportGuideId): CoverageRow[] {
  if (input.balances === null) return [];
  const { checkedAt, lines } = input.balances;
  return lines.map((line) => {
    const gaps: Gap[] = [];
    if (line.cause !== 'matches' && line.cause !== 'no_exchange_balance') {
      gaps.push({
        type: 'balance-mismatch',
        message: `The exchange reports ${line.exchange ?? 0} ${line.asset} in the ${line.wallet} wallet; the stored history adds up to ${line.computed}. ${BALANCE_CAUSE_TEXT[line.cause]}`,
        action: exportAction(exportId, null, checkedAt),
      });
    }
    return { kind: 'balances', key: balanceKey(line), first: null, last: null, rows: 0, sources: ['api'], fileFirst: null, fileLast: null, lastVerified: line.exchange === null ? null : checkedAt, gaps };
  });
}

/** `USDT (spot)`: one asset can be held in several wallets. */
export const balanceKey = (line: Pick<BalanceLine, 'asset' | 'wallet'>): string => `${line.asset} (${line.wallet})`;
