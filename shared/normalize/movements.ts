import { movementKey } from '../domain/keys';
import type { Movement, MovementType } from '../domain/types';
import { tolerance, type NormalizeContext } from './context';
import { normalizeRows, REASONS, RowRejected, type Normalized } from './report';
import { asRow, finiteOr, idOf, optionalRow, optionalString, positive, sampleId, timestampOf } from './values';

/** ccxt transactions (deposits / withdrawals) -> Movement records. */

export interface MovementContext extends NormalizeContext {
  type: MovementType;
}

function status(value: unknown): Movement['status'] {
  switch (value) {
    case 'ok':
      return 'ok';
    case 'pending':
      return 'pending';
    case 'canceled':
      return 'canceled';
    // 'failed', 'rejected' and anything unknown: not money that arrived.
    default:
      return 'failed';
  }
}

function one(row: unknown, ctx: MovementContext): Movement[] {
  const r = asRow(row);
  if (r['type'] !== undefined && r['type'] !== ctx.type) throw new RowRejected(REASONS.wrongType);
  const movementId = idOf(r['id']);
  const currency = optionalString(r['currency']);
  if (currency === null) throw new RowRejected(REASONS.badCurrency);
  const fee = optionalRow(r['fee']);
  return [{
    key: movementKey(ctx.exchange, ctx.accountId, ctx.type, movementId),
    accountId: ctx.accountId,
    exchange: ctx.exchange,
    type: ctx.type,
    movementId,
    currency,
    amount: positive(r['amount']),
    fee: fee === null ? 0 : finiteOr(fee['cost'], 0),
    network: optionalString(r['network']),
    txid: optionalString(r['txid']),
    status: status(r['status']),
    timestamp: timestampOf(r['timestamp'], ctx.now, tolerance(ctx)),
  }];
}

export function normalizeMovements(rows: readonly unknown[], ctx: MovementContext): Normalized<Movement> {
  return normalizeRows(rows, (row, i) => sampleId(row, i, 'id', 'txid'), (row) => one(row, ctx));
}
