import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP response said, captured per request. ccxt keeps only `last_response_headers`
 * on the instance, which concurrent requests overwrite; AsyncLocalStorage follows each request's
 * own async chain, so two requests in flight on one instance never see each other's headers.
 */
export interface ResponseCapture {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** Parsed JSON, undefined when the body did not parse. */
  parsed: unknown;
}

/*
 * A scope object outlives its call: every timer and socket created inside `run` (the request's
 * timeout, a keep-alive socket) keeps the store it was created under for as long as it lives.
 * So a scope is emptied as soon as its call ends (gated-ccxt.ts, withCaptures): a scope that still
 * held its response body and parsed JSON kept ~100 pages of 1,000 trades alive during a large
 * sync (docs/BENCHMARKS.md, "Engine memory at 1,000,000 trades").
 */

/** Scope of one HTTP request (set by the gated fetch2); capture is null again once the request ended. */
export interface RequestScope {
  capture: ResponseCapture | null;
}

/** Scope of one adapter call: collects the captures of every request it made, in order; null once the call ended. */
export interface CallScope {
  captures: ResponseCapture[] | null;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
export const callScope = new AsyncLocalStorage<CallScope>();

/** Runs `fn` and returns its result with the responses its requests received. */
export async function withCaptures<T>(fn: () => Promise<T>): Promise<{ value: T; captures: ResponseCapture[] }> {
  const captures: ResponseCapture[] = [];
  const scope: CallScope = { captures };
  try {
    const value = await callScope.run(scope, fn);
    return { value, captures };
  } finally {
    scope.captures = null;
  }
}

export function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}
