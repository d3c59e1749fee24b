import type { IncomingHttpHeaders } from 'node:http';

/** A parsed request as the routers see it. `rawQuery` is kept verbatim for signature checks. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Server clock (skew included). */
  now: number;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Weight charged (Binance) or 1 per request (Bybit), for the request log. */
  weight: number;
  errorCode: number | null;
}

export function json(status: number, payload: unknown, headers: Record<string, string> = {}, weight = 0, errorCode: number | null = null): SimResponse {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(payload), weight, errorCode };
}

export function headerString(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Integer query parameter: undefined when absent, NaN when present but malformed. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
