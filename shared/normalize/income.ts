import { incomeKey } from '../domain/keys';
import type { Income, IncomeType, MarketType } from '../domain/types';
import { INCOME_TYPES } from '../domain/types';
import { formatOf, tolerance, type NormalizeContext } from './context';
import { normalizeRows, REASONS, RowRejected, type Normalized } from './report';
import { asRow, finite, finiteOr, idOf, optionalString, sampleId, timestampOf, type Row } from './values';

/**
 * Raw income rows -> Income records.
 * Binance /fapi/v1/income: one row per (tranId, incomeType); tranId is unique only with its type.
 * Bybit /v5/account/transaction-log (docs "Get Transaction Log"): `change = cashFlow + funding - fee`,
 * `funding` positive when received and negative when paid, `fee` positive when paid (negative =
 * rebate), `cashFlow` the realized P&L of a closing fill (no fee, no funding in it). So a fill's
 * row (TRADE, and the forced closes LIQUIDATION, ADL, DELIVERY) becomes up to two records (same id,
 * different types): REALIZED_PNL = cashFlow and COMMISSION = -fee; SETTLEMENT is funding as sent.
 * Other types (BONUS, FEE_REFUND, INTEREST, AIRDROP, ...) are kept as OTHER with their `change`.
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

/**
 * Rows carry a unique `id`; the docs' own response example (and older accounts) has none, but
 * every row names the fill or settlement it came from in `tradeId`, unique per type.
 */
function bybitId(r: Row): string {
  return r['id'] === undefined || r['id'] === null || r['id'] === '' ? idOf(r['tradeId']) : idOf(r['id']);
}

function bybitRow(row: unknown, ctx: IncomeContext): Income[] {
  const r = asRow(row);
  const id = bybitId(r);
  const rawType = optionalString(r['type']) ?? 'UNKNOWN';
  const timestamp = timestampOf(r['transactionTime'], ctx.now, tolerance(ctx));
  const symbol = symbolOf(r['symbol'], ctx);
  const currency = asset(r, 'currency');
  switch (rawType) {
    case 'TRADE':
    case 'LIQUIDATION':
    case 'ADL':
    case 'DELIVERY': {
      const out: Income[] = [];
      const pnl = finiteOr(r['cashFlow'], 0);
      const fee = finiteOr(r['fee'], 0);
      if (pnl !== 0) out.push(record(ctx, 'REALIZED_PNL', rawType, id, symbol, currency, pnl, timestamp));
      if (fee !== 0) out.push(record(ctx, 'COMMISSION', rawType, id, symbol, currency, -fee, timestamp));
      return out;
    }
    case 'SETTLEMENT': {
      // Funding as sent (positive = received). USDC perpetuals also settle session P&L here
      // (cashFlow): that part is realized P&L, not funding.
      const funding = finiteOr(r['funding'], 0);
      const cashFlow = finiteOr(r['cashFlow'], 0);
      const out: Income[] = [];
      if (funding !== 0 || cashFlow === 0) out.push(record(ctx, 'FUNDING_FEE', rawType, id, symbol, currency, r['funding'] === undefined || r['funding'] === null || r['funding'] === '' ? finite(r['change']) : funding, timestamp));
      if (cashFlow !== 0) out.push(record(ctx, 'REALIZED_PNL', rawType, id, symbol, currency, cashFlow, timestamp));
      return out;
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
