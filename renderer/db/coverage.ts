import { Dexie } from 'dexie';
import type { Account, AssetFlow, Income, Movement } from '../../shared/domain/types';
import { buildCoverage, type CoverageInput, type CoverageKindSection, type FirstFill, type SeriesSummary } from '../../shared/coverage-map/build';
import { readClosedPnlCoverage } from './closed-pnl-coverage';
import { COVERAGE_KINDS, flowCoverageKind, type CoverageKindId } from '../../shared/coverage-map/kinds';
import type { JournalDb } from './schema';

export interface CoverageOptions {
  /** The balance reconciliation's lines and when they were computed (renderer/db/balance-history.ts). */
  balances?: CoverageInput['balances'];
}

const isKindId = (kind: string): kind is CoverageKindId => COVERAGE_KINDS.some((k) => k.id === kind);

function addTo(map: Map<string, SeriesSummary>, kind: CoverageKindId, key: string, t: number): void {
  const id = `${kind}\u0000${key}`;
  const s = map.get(id);
  map.set(id, s === undefined ? { kind, key, first: t, last: t, rows: 1 } : { ...s, first: Math.min(s.first, t), last: Math.max(s.last, t), rows: s.rows + 1 });
}

/**
 * Reads what the coverage map needs for one account: fills per symbol from `symbolStats` (no
 * trade scan), the oldest fill of each symbol (one indexed read each), income and movements by
 * symbol/asset and asset flows by kind and asset (one pass over the account's rows: thousands,
 * not millions), the file summaries and the checkpoints. The balance reconciliation reads every
 * spot fill, so it is not part of this live read: the caller runs it on demand
 * (`reconcileAccountBalances`) and passes its lines in.
 */
export async function readCoverageInput(db: JournalDb, account: Pick<Account, 'id' | 'exchange' | 'historyStart'>, now: number, options: CoverageOptions = {}): Promise<CoverageInput> {
  const lo = [account.id, Dexie.minKey];
  const hi = [account.id, Dexie.maxKey];
  const [symbolStats, summaries, checkpoints, income, movements, flows] = await Promise.all([
    db.symbolStats.where(':id').between(lo, hi).toArray(),
    db.importSummaries.where(':id').between(lo, hi).toArray(),
    db.checkpoints.where('accountId').equals(account.id).toArray(),
    db.income.where('[accountId+timestamp]').between(lo, hi).toArray() as Promise<Income[]>,
    db.movements.where('[accountId+timestamp]').between(lo, hi).toArray() as Promise<Movement[]>,
    db.assetFlows.where('[accountId+timestamp]').between(lo, hi).toArray() as Promise<AssetFlow[]>,
  ]);
  const closedPnl = await readClosedPnlCoverage(db, account.id, symbolStats);
  const stored: SeriesSummary[] = symbolStats.map((s) => ({ kind: s.marketType === 'spot' ? 'spotFills' : 'futuresFills', key: s.symbol, first: s.firstTimestamp, last: s.lastTimestamp, rows: s.count }));
  const series = new Map<string, SeriesSummary>();
  const funding = new Map<string, SeriesSummary>();
  for (const r of income) {
    addTo(series, 'income', r.symbol ?? r.asset, r.timestamp);
    if (r.incomeType === 'FUNDING_FEE' && r.symbol !== null) addTo(funding, 'income', r.symbol, r.timestamp);
  }
  for (const m of movements) addTo(series, 'movements', m.currency, m.timestamp);
  // A flow counts once per asset it moves (a dust conversion: each small balance and BNB).
  for (const f of flows) for (const asset of new Set(f.legs.map((l) => l.asset))) addTo(series, flowCoverageKind(f.kind), asset, f.timestamp);
  const firstFills: FirstFill[] = [];
  for (const s of symbolStats) {
    const first = await db.trades.where('[accountId+symbol+timestamp]').between([account.id, s.symbol, Dexie.minKey], [account.id, s.symbol, Dexie.maxKey]).first();
    if (first !== undefined) firstFills.push({ symbol: first.symbol, marketType: first.marketType, side: first.side, timestamp: first.timestamp, exchangeRealizedPnl: first.exchangeRealizedPnl });
  }
  return {
    account: { id: account.id, exchange: account.exchange, historyStart: account.historyStart },
    now,
    stored: [...stored, ...series.values()],
    fromFiles: summaries.flatMap((s) => (isKindId(s.kind) ? [{ kind: s.kind, key: s.key, first: s.first, last: s.last, rows: s.rows }] : [])),
    checkpoints: checkpoints.map((c) => ({ stream: c.stream, marketType: c.marketType, symbol: c.symbol, lastTimestamp: c.lastTimestamp, updatedAt: c.updatedAt })),
    firstFills,
    funding: [...funding.values()],
    balances: options.balances ?? null,
    closedPnl,
  };
}

export async function readCoverage(db: JournalDb, account: Pick<Account, 'id' | 'exchange' | 'historyStart'>, now: number = Date.now(), options: CoverageOptions = {}): Promise<CoverageKindSection[]> {
  return buildCoverage(await readCoverageInput(db, account, now, options));
}
