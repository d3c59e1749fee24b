import type { ResponseCapture } from '../capture';

/** `result.nextPageCursor` of the last response ('' or absent = no more pages). */
export function nextPageCursor(captures: readonly ResponseCapture[]): string | null {
  const parsed = captures[captures.length - 1]?.parsed;
  if (typeof parsed !== 'object' || parsed === null) return null;
  const result = (parsed as Record<string, unknown>)['result'];
  if (typeof result !== 'object' || result === null) return null;
  const cursor = (result as Record<string, unknown>)['nextPageCursor'];
  return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}

/** `result.list` (or `rows`) of the last response, raw. */
export function resultList(captures: readonly ResponseCapture[]): unknown[] | null {
  const parsed = captures[captures.length - 1]?.parsed;
  if (typeof parsed !== 'object' || parsed === null) return null;
  const result = (parsed as Record<string, unknown>)['result'];
  if (typeof result !== 'object' || result === null) return null;
  const r = result as Record<string, unknown>;
  const list = r['list'] ?? r['rows'];
  return Array.isArray(list) ? (list as unknown[]) : null;
}
