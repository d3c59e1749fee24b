import { AppError, isErrorCode } from '../errors';
import type { SafeError } from '../domain/types';

/**
 * The one redaction module: everything main writes as text (the logger, sync logs, raw snapshots,
 * events, errors shown to the user) goes through these patterns (docs/ARCHITECTURE.md, invariant 5):
 * API keys, signatures and signed query strings never leave main. Error texts from ccxt embed the
 * full signed URL and sometimes headers, so messages are scrubbed by pattern, and known secrets
 * (passed by the caller, e.g. main/log/redact.ts's registered keys) are removed verbatim as well.
 */

export const REDACTED = '[redacted]';
/** Shorter "secrets" would shred ordinary text; real keys and secrets are longer. */
export const MIN_SECRET_LENGTH = 6;

/** Query/header/JSON names whose values are secret or sign a request. */
const SECRET_NAMES = [
  'signature', 'sign', 'apikey', 'api_key', 'api-key', 'secret', 'secretkey', 'password', 'passphrase', 'token',
  'x-mbx-apikey', 'x-bapi-api-key', 'x-bapi-sign', 'x-bapi-signature', 'authorization', 'listenkey',
];

const NAME_ALT = SECRET_NAMES.map((n) => n.replace(/[-_]/g, '[-_]?')).join('|');
/** `name=value` in query strings and form bodies. */
const QUERY_PAIR = new RegExp(`((?:^|[?&;,\\s"'])(?:${NAME_ALT}))=([^&\\s"',;}]*)`, 'gi');
/** `Name: value` in header dumps. */
const HEADER_PAIR = new RegExp(`((?:^|[\\s{,"'])(?:${NAME_ALT})["']?\\s*:\\s*["']?)([^"',}\\s]+)`, 'gi');
/** URL query strings that carry a signature or timestamp are signed: drop the whole query. */
const SIGNED_URL = /(https?:\/\/[^\s?"']+)\?[^\s"']*(?:signature|sign|timestamp|recvwindow)=[^\s"']*/gi;
/** Long hex (HMAC-SHA256 output) or long base64/alnum runs (API keys are 64 chars on Binance, 18+ on Bybit). */
const LONG_HEX = /\b[a-f0-9]{40,}\b/gi;
const LONG_TOKEN = /\b[A-Za-z0-9]{48,}\b/g;

/** Redacts secrets from free text. `secrets` are exact strings to remove (key, secret), if known. */
export function sanitizeText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= MIN_SECRET_LENGTH && out.includes(s)) out = out.split(s).join(REDACTED);
  }
  out = out.replace(SIGNED_URL, `$1?${REDACTED}`);
  out = out.replace(QUERY_PAIR, `$1=${REDACTED}`);
  out = out.replace(HEADER_PAIR, `$1${REDACTED}`);
  out = out.replace(LONG_HEX, REDACTED);
  out = out.replace(LONG_TOKEN, REDACTED);
  return out;
}

function isSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  return SECRET_NAMES.some((s) => s.replace(/[-_]/g, '') === n);
}

/**
 * Deep copy of a JSON-like value with secret-named fields removed and strings scrubbed. Errors
 * keep their name, message and stack (scrubbed); cycles become "[cycle]"; depth-limited so a huge
 * object cannot blow the stack.
 */
export function sanitizeValue(value: unknown, secrets: readonly string[] = [], depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (depth > 12) return '[depth]';
  if (typeof value === 'string') return sanitizeText(value, secrets);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if (seen.has(value)) return '[cycle]';
    seen.add(value);
    if (value instanceof Error) {
      return { name: value.name, message: sanitizeText(value.message, secrets), ...(value.stack === undefined ? {} : { stack: sanitizeText(value.stack, secrets) }) };
    }
    if (Array.isArray(value)) return value.map((v) => sanitizeValue(v, secrets, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretName(k) && v !== null && v !== undefined && v !== '' ? REDACTED : sanitizeValue(v, secrets, depth + 1, seen);
    }
    return out;
  }
  // functions, symbols, bigint, undefined: not JSON.
  return undefined;
}

/**
 * An exchange's own error text made fit to show a user: scrubbed like any text, then shortened
 * (bracketed echoes such as Bybit's "origin_string[...]" repeat the signed payload; URLs and long
 * key-like runs say nothing a user can act on).
 */
export function redactForDisplay(text: string, maxLength = 200): string {
  let out = sanitizeText(text);
  out = out.replace(/\[[^\]]*\]/g, (m) => (m === REDACTED ? m : '[…]'));
  out = out.replace(/https?:\/\/\S+/g, '<url>');
  out = out.replace(/\b[A-Za-z0-9_-]{24,}\b/g, REDACTED);
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}

/** JSON text of a sanitized value, cut to `maxChars` (the cut is marked so readers know). */
export function sanitizedJson(value: unknown, maxChars: number, secrets: readonly string[] = []): string {
  const text = JSON.stringify(sanitizeValue(value, secrets)) ?? 'null';
  if (text.length <= maxChars) return text;
  const marker = `...[truncated ${text.length - maxChars} chars]`;
  return text.slice(0, Math.max(0, maxChars - marker.length)) + marker;
}

const MAX_MESSAGE = 500;

/**
 * What a SyncLog or a job stores about a failure: a stable code and a scrubbed, bounded message.
 * Unknown errors keep their (scrubbed) text here because the log is for diagnosis; the UI shows
 * the code-based message.
 */
export function toSafeError(error: unknown, secrets: readonly string[] = []): SafeError {
  if (error instanceof AppError) return { code: error.code, message: clip(sanitizeText(error.message, secrets)) };
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; name?: unknown };
    const code = isErrorCode(e.code) ? e.code : 'INTERNAL';
    const name = typeof e.name === 'string' ? `${e.name}: ` : '';
    const msg = typeof e.message === 'string' ? e.message : 'unknown error';
    return { code, message: clip(sanitizeText(name + msg, secrets)) };
  }
  return { code: 'INTERNAL', message: clip(sanitizeText(String(error), secrets)) };
}

function clip(s: string): string {
  return s.length <= MAX_MESSAGE ? s : `${s.slice(0, MAX_MESSAGE - 1)}…`;
}
