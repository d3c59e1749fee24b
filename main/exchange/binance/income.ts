import type { Exchange } from 'ccxt';
import { BINANCE_PAGING } from '../../../shared/exchanges';
import { AppError } from '../../../shared/errors';
import type { Cursor } from '../../../shared/domain/types';
import type { IncomePageRequest, IncomeWindow, Page } from '../adapter';
import { afterWindow, sameWindow, windowCursor, windowEnd } from '../window-cursor';

/**
 * USD-M income (/fapi/v1/income): 7-day windows, rows ascending by time, no id cursor. Inside a
 * window we page by time: the next request starts at the last row's timestamp, and `pageCursor`
 * counts the rows at exactly that timestamp already returned (many rows share one: a fill's
 * REALIZED_PNL and COMMISSION), which the next page drops.
 */

interface IncomeRow {
  time: number;
}

function rowTime(row: unknown): number {
  const t = typeof row === 'object' && row !== null ? Number((row as Record<string, unknown>)['time']) : Number.NaN;
  if (!Number.isFinite(t)) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: an income row without a time was returned.');
  return t;
}

export async function binanceIncomePage(ex: Exchange, request: IncomePageRequest): Promise<Page> {
  const p = BINANCE_PAGING.income;
  const { windowStart, pageCursor } = windowCursor(request.cursor, request.since, request.now, p.historyMs);
  if (windowStart > request.now) return { rows: [], next: { kind: 'window', windowStart, pageCursor: null }, done: true };
  const skip = pageCursor === null ? 0 : Number(pageCursor);
  if (!Number.isSafeInteger(skip) || skip < 0) throw new AppError('INVALID_INPUT', 'The saved income checkpoint is not valid.');
  const limit = Math.max(1, Math.min(request.limit, p.maxLimit));
  // Ask for the already-returned rows again plus a full page; more than maxLimit rows in one ms cannot be paged.
  const askFor = Math.min(p.maxLimit, skip + limit);
  if (askFor <= skip) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: too many income rows share one timestamp to page through.');
  // A window read beside others stops at its `until`; its last page then points at the next window's start.
  const end = Math.min(windowEnd(windowStart, p.maxWindowMs, request.now), request.until ?? Number.POSITIVE_INFINITY);
  if (windowStart > end) return { rows: [], next: { kind: 'window', windowStart, pageCursor: null }, done: false };
  const raw: unknown = await ex.fapiPrivateGetIncome({ startTime: windowStart, endTime: end, limit: askFor });
  if (!Array.isArray(raw)) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: the income list was not a list.');
  const all = (raw as unknown[]).map((row) => ({ row, time: rowTime(row) } satisfies IncomeRow & { row: unknown }));
  const fresh = all.slice(skip);
  if (all.length < askFor) return { rows: fresh.map((r) => r.row), ...afterWindow(windowStart, end, request.now) };
  const lastTime = all[all.length - 1]?.time ?? windowStart;
  const atLast = all.filter((r) => r.time === lastTime).length;
  return { rows: fresh.map((r) => r.row), next: sameWindow(lastTime, String(atLast)), done: false };
}

/**
 * The income stream from where it resumes to now as independent 7-day windows (the longest span one
 * request may ask): each is paged by time on its own, so they can be read side by side. The first
 * keeps a resumed page cursor; the last reads up to now.
 */
export function binanceIncomeWindows(request: { cursor: Cursor | null; since: number | null; now: number }): IncomeWindow[] {
  const p = BINANCE_PAGING.income;
  const first = windowCursor(request.cursor, request.since, request.now, p.historyMs);
  const windows: IncomeWindow[] = [];
  let start = first.windowStart;
  let pageCursor = first.pageCursor;
  for (;;) {
    const end = windowEnd(start, p.maxWindowMs, request.now);
    if (end >= request.now || start > request.now) {
      windows.push({ cursor: { kind: 'window', windowStart: start, pageCursor }, until: null });
      return windows;
    }
    windows.push({ cursor: { kind: 'window', windowStart: start, pageCursor }, until: end });
    start = end + 1;
    pageCursor = null;
  }
}
