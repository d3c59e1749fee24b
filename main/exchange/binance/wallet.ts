import type { Exchange } from 'ccxt';
import { BINANCE_PAGING, BINANCE_TRANSFER_TYPES } from '../../../shared/exchanges';
import type { AssetFlowKind } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors';
import { assertNever } from '../../../shared/never';
import type { FlowsPageRequest, Page } from '../adapter';
import { afterWindow, sameWindow, windowCursor, windowEnd } from '../window-cursor';

/**
 * Binance wallet history beyond fills, one request per page:
 * - converts (/sapi/v1/convert/tradeFlow): 30-day windows over the last year, no cursor. When `moreData` says the
 *   window held more than one page, the page is dropped and the window halved (`pageCursor` keeps
 *   the narrower width), so nothing is skipped whatever order the rows come in.
 * - distributions (/sapi/v1/asset/assetDividend): 180-day windows, no cursor; `total` above the
 *   rows returned halves the window the same way.
 * - dust (/sapi/v1/asset/dribblet): only the last 100 conversions exist; each run reads them all
 *   (the unique keys absorb the repeats).
 * - transfers (/sapi/v1/asset/transfer): per type, 30-day windows, `current` page x `size`.
 */

/** As far back as we look for distributions (Binance keeps years; 180-day windows make it cheap). */
const HISTORY_MS = 5 * 365 * 86_400_000;
/** Narrower than this and still full: the exchange is not paging as documented. */
const MIN_WINDOW_MS = 60_000;

export function binanceFlowSubtypes(kind: AssetFlowKind): readonly string[] {
  return kind === 'transfer' ? BINANCE_TRANSFER_TYPES : [''];
}

function obj(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AppError('EXCHANGE_BAD_RESPONSE', `Binance: the ${what} could not be read.`);
  return raw as Record<string, unknown>;
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AppError('EXCHANGE_BAD_RESPONSE', `Binance: the ${what} list was not a list.`);
  return value as unknown[];
}

const timeOf = (field: string) => (row: unknown): number => Number((row as Record<string, unknown>)[field]);
const oldestFirst = (rows: unknown[], time: (r: unknown) => number): unknown[] => [...rows].sort((a, b) => time(a) - time(b));

/** A window that halves while it overflows; `pageCursor` = its current width in ms. */
async function halvingWindow(
  request: FlowsPageRequest, maxWindowMs: number, historyMs: number,
  fetch: (startTime: number, endTime: number) => Promise<{ rows: unknown[]; overflow: boolean }>,
): Promise<Page> {
  const { windowStart, pageCursor } = windowCursor(request.cursor, request.since, request.now, historyMs);
  if (windowStart > request.now) return { rows: [], next: { kind: 'window', windowStart, pageCursor: null }, done: true };
  const width = pageCursor === null ? maxWindowMs : Number(pageCursor);
  if (!Number.isSafeInteger(width) || width <= 0 || width > maxWindowMs) throw new AppError('INVALID_INPUT', 'The saved wallet-history checkpoint is not valid.');
  const end = windowEnd(windowStart, width, request.now);
  const { rows, overflow } = await fetch(windowStart, end);
  if (overflow) {
    if (width / 2 < MIN_WINDOW_MS) throw new AppError('EXCHANGE_BAD_RESPONSE', 'Binance: too many wallet records in one minute to page through.');
    return { rows: [], next: sameWindow(windowStart, String(Math.floor(width / 2))), done: false };
  }
  return { rows, ...afterWindow(windowStart, end, request.now) };
}

export async function binanceFlowsPage(ex: Exchange, request: FlowsPageRequest): Promise<Page> {
  const kind = request.kind;
  switch (kind) {
    case 'convert': {
      const p = BINANCE_PAGING.convert;
      // Converts cost 3000 UID weight per 30-day window: one year is 13 requests, five would be 61 and
      // overrun the 180,000-per-minute UID budget on every fresh import. Older converts come from the
      // account statement export (BINANCE_PAGING.convert.historyMs).
      return halvingWindow(request, p.maxWindowMs, p.historyMs, async (startTime, endTime) => {
        const r = obj(await ex.sapiGetConvertTradeFlow({ startTime, endTime, limit: p.maxLimit }), 'convert history');
        return { rows: oldestFirst(list(r['list'], 'convert history'), timeOf('createTime')), overflow: r['moreData'] === true };
      });
    }
    case 'reward': {
      const p = BINANCE_PAGING.dividend;
      return halvingWindow(request, p.maxWindowMs, HISTORY_MS, async (startTime, endTime) => {
        const r = obj(await ex.sapiGetAssetAssetDividend({ startTime, endTime, limit: p.maxLimit }), 'distribution history');
        const rows = list(r['rows'], 'distribution history');
        return { rows: oldestFirst(rows, timeOf('divTime')), overflow: Number(r['total']) > rows.length };
      });
    }
    case 'dust': {
      const r = obj(await ex.sapiGetAssetDribblet({}), 'dust log');
      return { rows: oldestFirst(list(r['userAssetDribblets'], 'dust log'), timeOf('operateTime')), next: { kind: 'window', windowStart: request.now, pageCursor: null }, done: true };
    }
    case 'transfer': {
      const p = BINANCE_PAGING.transfer;
      const { windowStart, pageCursor } = windowCursor(request.cursor, request.since, request.now, p.historyMs);
      if (windowStart > request.now) return { rows: [], next: { kind: 'window', windowStart, pageCursor: null }, done: true };
      const current = pageCursor === null ? 1 : Number(pageCursor);
      if (!Number.isSafeInteger(current) || current < 1) throw new AppError('INVALID_INPUT', 'The saved transfer checkpoint is not valid.');
      const size = Math.max(1, Math.min(request.limit, p.maxSize));
      const end = windowEnd(windowStart, p.maxWindowMs, request.now);
      const r = obj(await ex.sapiGetAssetTransfer({ type: request.subtype, startTime: windowStart, endTime: end, current, size }), 'transfer history');
      const rows = oldestFirst(list(r['rows'], 'transfer history'), timeOf('timestamp'));
      if (rows.length < size) return { rows, ...afterWindow(windowStart, end, request.now) };
      return { rows, next: sameWindow(windowStart, String(current + 1)), done: false };
    }
    default:
      return assertNever(kind, 'wallet flow kind');
  }
}
