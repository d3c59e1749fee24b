import type { Exchange, Transaction } from 'ccxt';
import { BINANCE_PAGING } from '../../../shared/exchanges';
import { AppError } from '../../../shared/errors';
import type { MovementsPageRequest, Page } from '../adapter';
import { afterWindow, sameWindow, windowCursor, windowEnd } from '../window-cursor';

/**
 * Deposits and withdrawals (/sapi/v1/capital/...): windows of at most 90 days, offset + limit
 * inside a window (`pageCursor` = offset). We always send endTime ourselves: ccxt would set
 * endTime = since + 90 days, past `now`, and a window that ends in the future would let the next
 * run skip rows stamped between our `now` and that end.
 */

/** Wallet history as far back as we look by default (Binance keeps years; pick a sane bound). */
const HISTORY_MS = 5 * 365 * 86_400_000;

export async function binanceMovementsPage(ex: Exchange, request: MovementsPageRequest): Promise<Page> {
  const p = BINANCE_PAGING.capital;
  const { windowStart, pageCursor } = windowCursor(request.cursor, request.since, request.now, HISTORY_MS);
  if (windowStart > request.now) return { rows: [], next: { kind: 'window', windowStart, pageCursor: null }, done: true };
  const offset = pageCursor === null ? 0 : Number(pageCursor);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError('INVALID_INPUT', 'The saved deposit/withdrawal checkpoint is not valid.');
  const limit = Math.max(1, Math.min(request.limit, p.maxLimit));
  const end = windowEnd(windowStart, p.maxWindowMs, request.now);
  const params = { endTime: end, offset };
  const rows: Transaction[] = request.type === 'deposit'
    ? await ex.fetchDeposits(undefined, windowStart, limit, params)
    : await ex.fetchWithdrawals(undefined, windowStart, limit, params);
  const sorted = [...rows].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  if (rows.length < limit) return { rows: sorted, ...afterWindow(windowStart, end, request.now) };
  return { rows: sorted, next: sameWindow(windowStart, String(offset + rows.length)), done: false };
}
