import type { Page } from '../adapter';
import type { ResponseCapture } from '../capture';
import { afterWindow, sameWindow, windowCursor, windowEnd } from '../window-cursor';
import type { Cursor } from '../../../shared/domain/types';
import { nextPageCursor } from './cursor';

/**
 * Bybit lists: windows (at most `maxWindowMs`) x the exchange's cursor inside a window. Rows
 * come newest first; the cursor names the last row sent, so the pages of one window are stable.
 * Each call makes exactly one request, so the engine paces every page.
 */
export interface WindowedRequest {
  cursor: Cursor | null;
  since: number | null;
  now: number;
}

export interface WindowSpec {
  maxWindowMs: number;
  historyMs: number;
}

export async function windowedPage(
  request: WindowedRequest,
  spec: WindowSpec,
  fetch: (startTime: number, endTime: number, pageCursor: string | null) => Promise<{ rows: unknown[]; captures: ResponseCapture[]; next?: string | null }>,
): Promise<Page> {
  const { windowStart, pageCursor } = windowCursor(request.cursor, request.since, request.now, spec.historyMs);
  if (windowStart > request.now) return { rows: [], next: { kind: 'window', windowStart, pageCursor: null }, done: true };
  const end = windowEnd(windowStart, spec.maxWindowMs, request.now);
  const fetched = await fetch(windowStart, end, pageCursor);
  const rows = fetched.rows;
  // The call's own body when the caller has it; the captured response otherwise (ccxt unified calls).
  const next = fetched.next !== undefined ? fetched.next : nextPageCursor(fetched.captures);
  if (next !== null && rows.length > 0) return { rows, next: sameWindow(windowStart, next), done: false };
  return { rows, ...afterWindow(windowStart, end, request.now) };
}
