import { assetFlowKey } from '../domain/keys';
import type { AssetFlow, AssetFlowKind, AssetFlowLeg, Wallet } from '../domain/types';
import { assertNever } from '../never';
import { tolerance, type NormalizeContext } from './context';
import { normalizeRows, REASONS, RowRejected, type Normalized } from './report';
import { asRow, finite, finiteOr, idOf, optionalString, positive, sampleId, timestampOf, type Row } from './values';

/**
 * Binance wallet rows -> AssetFlow records (signed legs per wallet and asset), as the docs define
 * each field:
 * - convert ("Get Convert Trade History"): only `orderStatus` SUCCESS moved money; keyed by
 *   `quoteId` (the numeric `orderId` exceeds 2^53 and loses digits in JSON readers);
 * - dust ("DustLog"): every `fromAsset` leaves the spot wallet, `transferedAmount` BNB comes in
 *   and `serviceChargeAmount` BNB goes out as its own fee leg: the charge is 2% of
 *   `transferedAmount` in the docs' examples and in recorded responses (ccxt's, likewise reading it
 *   as a BNB fee on `transferedAmount`), and the docs' "Dust Convertible Assets" takes its 2% from
 *   the amount before the charge, so `transferedAmount` is that amount; keyed by `transId`;
 * - reward ("Asset Dividend Record"): `amount` in (or out when `direction` is -1); keyed by
 *   `id` (`tranId` repeats across rows);
 * - transfer ("Query User Universal Transfer History"): only CONFIRMED; the `type` names the
 *   wallets (MAIN = spot, UMFUTURE = USD-M, FUNDING = funding); keyed by `tranId`.
 */

export interface FlowContext extends NormalizeContext {
  kind: AssetFlowKind;
}

const WALLET_OF: Readonly<Record<string, Wallet>> = { MAIN: 'spot', UMFUTURE: 'linear', FUNDING: 'funding' };

function asset(r: Row, name: string): string {
  const a = optionalString(r[name]);
  if (a === null) throw new RowRejected(REASONS.badCurrency);
  return a;
}

function flow(ctx: FlowContext, rawType: string, flowId: string, timestamp: number, legs: AssetFlowLeg[]): AssetFlow {
  return { key: assetFlowKey(ctx.exchange, ctx.accountId, ctx.kind, flowId), accountId: ctx.accountId, exchange: ctx.exchange, kind: ctx.kind, rawType, flowId, timestamp, legs };
}

function convert(r: Row, ctx: FlowContext): AssetFlow[] {
  if (r['orderStatus'] !== 'SUCCESS') return [];
  const ts = timestampOf(r['createTime'], ctx.now, tolerance(ctx));
  return [flow(ctx, 'convert', idOf(r['quoteId']), ts, [
    { wallet: 'spot', asset: asset(r, 'fromAsset'), amount: -positive(r['fromAmount']) },
    { wallet: 'spot', asset: asset(r, 'toAsset'), amount: positive(r['toAmount']) },
  ])];
}

function dust(r: Row, ctx: FlowContext): AssetFlow[] {
  const ts = timestampOf(r['operateTime'], ctx.now, tolerance(ctx));
  const details = r['userAssetDribbletDetails'];
  if (!Array.isArray(details) || details.length === 0) throw new RowRejected(REASONS.wrongType);
  const legs: AssetFlowLeg[] = [];
  let bnb = 0;
  let charge = 0;
  for (const d of details as unknown[]) {
    const x = asRow(d);
    legs.push({ wallet: 'spot', asset: asset(x, 'fromAsset'), amount: -positive(x['amount']) });
    bnb += finite(x['transferedAmount']);
    charge += finiteOr(x['serviceChargeAmount'], 0);
  }
  legs.push({ wallet: 'spot', asset: 'BNB', amount: bnb });
  if (charge !== 0) legs.push({ wallet: 'spot', asset: 'BNB', amount: -charge });
  return [flow(ctx, 'dust', idOf(r['transId']), ts, legs)];
}

function reward(r: Row, ctx: FlowContext): AssetFlow[] {
  const ts = timestampOf(r['divTime'], ctx.now, tolerance(ctx));
  const sign = Number(r['direction']) === -1 ? -1 : 1;
  return [flow(ctx, optionalString(r['enInfo']) ?? 'distribution', idOf(r['id']), ts, [{ wallet: 'spot', asset: asset(r, 'asset'), amount: sign * positive(r['amount']) }])];
}

function transfer(r: Row, ctx: FlowContext): AssetFlow[] {
  if (r['status'] !== 'CONFIRMED') return [];
  const type = optionalString(r['type']) ?? '';
  const [from = '', to = ''] = type.split('_');
  const amount = positive(r['amount']);
  const coin = asset(r, 'asset');
  const ts = timestampOf(r['timestamp'], ctx.now, tolerance(ctx));
  return [flow(ctx, type, idOf(r['tranId']), ts, [
    { wallet: WALLET_OF[from] ?? 'other', asset: coin, amount: -amount },
    { wallet: WALLET_OF[to] ?? 'other', asset: coin, amount },
  ])];
}

function one(row: unknown, ctx: FlowContext): AssetFlow[] {
  const r = asRow(row);
  const kind = ctx.kind;
  switch (kind) {
    case 'convert': return convert(r, ctx);
    case 'dust': return dust(r, ctx);
    case 'reward': return reward(r, ctx);
    case 'transfer': return transfer(r, ctx);
    default: return assertNever(kind, 'wallet flow kind');
  }
}

export function normalizeFlows(rows: readonly unknown[], ctx: FlowContext): Normalized<AssetFlow> {
  return normalizeRows(rows, (row, i) => sampleId(row, i, 'quoteId', 'transId', 'id', 'tranId'), (row) => one(row, ctx));
}
