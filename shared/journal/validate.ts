import type { Trade } from '../domain/types';
import { AppError } from '../errors';
import { compareFills } from './order';
import type { FillRef } from './types';

/** Rejects fills the P&L math cannot use; a stored fill should never fail this. */
export function assertUsableFill(fill: Trade): void {
  const problems: string[] = [];
  if (!Number.isFinite(fill.timestamp)) problems.push('timestamp is not a finite number');
  if (!(Number.isFinite(fill.price) && fill.price > 0)) problems.push('price must be a positive number');
  if (!(Number.isFinite(fill.amount) && fill.amount > 0)) problems.push('amount must be a positive number');
  if (!Number.isFinite(fill.feeCost)) problems.push('feeCost must be a finite number');
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `Fill ${fill.key} cannot be used for P&L.`, {
      issues: problems.map((message) => ({ path: fill.key, message })),
    });
  }
}

/**
 * Streaming books need fills per account+symbol in time order (compareFills). Out-of-order or
 * repeated fills would silently corrupt averages, so they are refused instead of guessed at.
 */
export function assertInOrder(previous: FillRef | null, fill: FillRef): void {
  if (previous === null) return;
  const c = compareFills(previous, fill);
  if (c < 0) return;
  const message = c === 0 ? 'the same fill was added twice' : `fill arrived after ${previous.key}, which is later in time order`;
  throw new AppError('INVALID_INPUT', `Fills must be added in time order (fill ${fill.key}).`, {
    issues: [{ path: fill.key, message }],
  });
}
