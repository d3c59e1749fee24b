import type { ResponseCapture } from '../capture';

/**
 * Readers of a v5 envelope. Prefer passing the value the ccxt call returned (the parsed body of
 * that very request): captures are collected per call through AsyncLocalStorage, which a
 * scheduler running the request may not carry, so under concurrency the last capture can belong
 * to another request.
 */
export function envelopeResult(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const result = (body as Record<string, unknown>)['result'];
  return typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : null;
}

export function bodyList(body: unknown): unknown[] | null {
  const r = envelopeResult(body);
  const list = r === null ? undefined : r['list'] ?? r['rows'];
  return Array.isArray(list) ? (list as unknown[]) : null;
}

export function bodyCursor(body: unknown): string | null {
  const c = envelopeResult(body)?.['nextPageCursor'];
  return typeof c === 'string' && c !== '' ? c : null;
}

/** `result.nextPageCursor` of the last response ('' or absent = no more pages). */
export function nextPageCursor(captures: readonly ResponseCapture[]): string | null {
  const parsed = captures[captures.length - 1]?.parsed;
  if (typeof parsed !== 'object' || parsed === null) return null;
  const result = (parsed as Record<string, unknown>)['result'];
  if (typeof result !== 'object' || result === null) return null;
  const cursor = (result as Record<string, unknown>)['nextPageCursor'];
  return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}
