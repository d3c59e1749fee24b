import { balanceSnapshotKey } from '../../shared/domain/keys';
import type { BalanceEntry } from '../../shared/domain/types';
import { normalizeFlows, normalizeIncome, normalizeMovements, normalizeTrades } from '../../shared/normalize';
import type { Normalizers } from './normalizers';

/** The real normalizers (shared/normalize), plus the balance mapping the engine owns. */
export const defaultNormalizers: Normalizers = {
  trades: (raw, ctx) => normalizeTrades(raw, {
    exchange: ctx.exchange, accountId: ctx.accountId, now: ctx.now, marketType: ctx.marketType,
    // The requested symbol is always accepted: a delisted market still has history to import.
    knownSymbols: ctx.markets.knownSymbols.has(ctx.symbol) ? ctx.markets.knownSymbols : new Set([...ctx.markets.knownSymbols, ctx.symbol]),
  }),
  movements: (raw, ctx) => normalizeMovements(raw, { exchange: ctx.exchange, accountId: ctx.accountId, now: ctx.now, type: ctx.type }),
  income: (raw, ctx) => normalizeIncome(raw, {
    exchange: ctx.exchange, accountId: ctx.accountId, now: ctx.now, marketType: ctx.marketType, symbolsById: ctx.markets.symbolsById,
  }),
  flows: (raw, ctx) => normalizeFlows(raw, { exchange: ctx.exchange, accountId: ctx.accountId, now: ctx.now, kind: ctx.kind }),
  balances(result, ctx) {
    const balances = balanceEntries(result.raw);
    return {
      key: balanceSnapshotKey(ctx.accountId, result.marketType, result.timestamp), accountId: ctx.accountId,
      marketType: result.marketType, timestamp: result.timestamp, balances,
    };
  },
};

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : 0);
const SKIP = new Set(['info', 'free', 'used', 'total', 'timestamp', 'datetime', 'debt']);

/** ccxt balance structure ({ BTC: { free, used, total }, ... }) -> entries with a non-zero total. */
export function balanceEntries(raw: unknown): BalanceEntry[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const out: BalanceEntry[] = [];
  for (const [currency, value] of Object.entries(raw)) {
    if (SKIP.has(currency) || typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    const entry = { currency, free: num(v['free']), used: num(v['used']), total: num(v['total']) };
    if (entry.total !== 0 || entry.free !== 0 || entry.used !== 0) out.push(entry);
  }
  return out.sort((a, b) => a.currency.localeCompare(b.currency));
}
