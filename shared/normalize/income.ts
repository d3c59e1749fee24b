import { incomeKey } from '../domain/keys';
import type { Income, IncomeType, MarketType } from '../domain/types';
import { INCOME_TYPES } from '../domain/types';
import { formatOf, tolerance, type NormalizeContext } from './context';
import { normalizeRows, REASONS, RowRejected, type Normalized } from './report';
import { asRow, finite, finiteOr, idOf, optionalString, sampleId, timestampOf, type Row } from './values';

/**
 * Raw income rows -> Income records.
 * Binance /fapi/v1/income: one row per (tranId, incomeType); tranId is unique only with its type.
 * Bybit /v5/account/transaction-log: one TRADE row per fill carries both the realized P&L
 * (cashFlow) and the fee, so it becomes up to two records (same id, different types);
 * SETTLEMENT rows are funding (Bybit's `funding` is positive when paid, so it is negated).
 */

export interface IncomeContext extends NormalizeContext {
  marketType: MarketType;
  /** Exchange market id (BTCUSDT) -> unified symbol, for this market type. */
  symbolsById: ReadonlyMap<string, string>;
}

function incomeType(raw: string): IncomeType {
  return (INCOME_TYPES as readonly string[]).includes(raw) && raw !== 'OTHER' ? (raw as IncomeType) : 'OTHER';
}

function symbolOf(value: unknown, ctx: IncomeContext): string | null {
  const id = optionalString(value);
  // Transfers and some adjustments are account-wide.
  if (id === null) return null;
  const symbol = ctx.symbolsById.get(id);
  if (symbol === undefined) throw new RowRejected(REASONS.unknownMarket);
  return symbol;
}

function record(ctx: IncomeContext, type: IncomeType, rawType: string, incomeId: string, symbol: string | null, asset: string, amount: number, timestamp: number): Income {
  // OTHER covers many raw types: key by the raw one so two of them never collide.
  const keyType = type === 'OTHER' ? rawType : type;
  return {
    key: incomeKey(ctx.exchange, ctx.accountId, keyType, incomeId),
    accountId: ctx.accountId, exchange: ctx.exchange, marketType: ctx.marketType, symbol, incomeType: type, rawType, incomeId, asset, amount, timestamp,
  };
}

function asset(r: Row, name: string): string {
  const a = optionalString(r[name]);
  if (a === null) throw new RowRejected(REASONS.badCurrency);
  return a;
}

function binanceRow(row: unknown, ctx: IncomeContext): Income[] {
  const r = asRow(row);
  const id = idOf(r['tranId']);
  const rawType = optionalString(r['incomeType']) ?? 'UNKNOWN';
  const timestamp = timestampOf(r['time'], ctx.now, tolerance(ctx));
  return [record(ctx, incomeType(rawType), rawType, id, symbolOf(r['symbol'], ctx), asset(r, 'asset'), finite(r['income']), timestamp)];
}

function bybitRow(row: unknown, ctx: IncomeContext): Income[] {
  const r = asRow(row);
  const id = idOf(r['id']);
  const rawType = optionalString(r['type']) ?? 'UNKNOWN';
  const timestamp = timestampOf(r['transactionTime'], ctx.now, tolerance(ctx));
  const symbol = symbolOf(r['symbol'], ctx);
  const currency = asset(r, 'currency');
  switch (rawType) {
    case 'TRADE': {
      const out: Income[] = [];
      const pnl = finiteOr(r['cashFlow'], 0);
      const fee = finiteOr(r['fee'], 0);
      if (pnl !== 0) out.push(record(ctx, 'REALIZED_PNL', rawType, id, symbol, currency, pnl, timestamp));
      if (fee !== 0) out.push(record(ctx, 'COMMISSION', rawType, id, symbol, currency, -fee, timestamp));
      return out;
    }
    case 'SETTLEMENT': {
      const funding = r['funding'];
      const amount = funding === undefined || funding === null || funding === '' ? finite(r['change']) : -finite(funding);
      return [record(ctx, 'FUNDING_FEE', rawType, id, symbol, currency, amount, timestamp)];
    }
    case 'TRANSFER_IN':
    case 'TRANSFER_OUT':
      return [record(ctx, 'TRANSFER', rawType, id, symbol, currency, finite(r['change']), timestamp)];
    default:
      return [record(ctx, 'OTHER', rawType, id, symbol, currency, finite(r['change']), timestamp)];
  }
}

export function normalizeIncome(rows: readonly unknown[], ctx: IncomeContext): Normalized<Income> {
  const format = formatOf(ctx.exchange);
  return normalizeRows(
    rows,
    (row, i) => sampleId(row, i, format === 'binance' ? 'tranId' : 'id'),
    (row) => (format === 'binance' ? binanceRow(row, ctx) : bybitRow(row, ctx)),
  );
}
