import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 hex, as both exchanges sign. */
export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a.toLowerCase());
  const bb = Buffer.from(b.toLowerCase());
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Binance signs the raw query string (and body) exactly as sent, with `signature` appended last.
 * We strip `signature=...` from the raw text and hash the rest byte for byte, like Binance does:
 * re-encoding the parameters would accept signatures Binance rejects.
 */
export function binanceSignatureValid(rawQuery: string, body: string, secret: string): boolean {
  const parts = rawQuery.split('&');
  const sigPart = parts.find((p) => p.startsWith('signature='));
  if (sigPart === undefined) return false;
  const payload = parts.filter((p) => p !== sigPart).join('&') + body;
  return safeEqualHex(hmacHex(secret, payload), sigPart.slice('signature='.length));
}

/** Bybit v5: sign = HMAC(secret, timestamp + apiKey + recvWindow + rawQueryString). */
export function bybitSignatureValid(timestamp: string, apiKey: string, recvWindow: string, rawQuery: string, sign: string, secret: string): boolean {
  return safeEqualHex(hmacHex(secret, timestamp + apiKey + recvWindow + rawQuery), sign);
}

/** Timestamp check shared by both: not too far ahead of the server, not older than recvWindow. */
export function timestampAccepted(timestamp: number, recvWindow: number, serverNow: number, aheadToleranceMs: number): boolean {
  if (!Number.isFinite(timestamp)) return false;
  return timestamp < serverNow + aheadToleranceMs && serverNow - timestamp <= recvWindow;
}
