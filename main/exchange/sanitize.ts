/**
 * Strips anything that could be a credential from text that may reach a user or a log:
 * signed query strings, signatures, long key-like tokens, and bracketed echoes (Bybit's
 * "origin_string[...]" repeats the key and the signed payload).
 */
const PATTERNS: readonly RegExp[] = [
  /\[[^\]]*\]/g,
  /(signature|sign|apiKey|api_key|secret|X-MBX-APIKEY|X-BAPI-API-KEY|X-BAPI-SIGN)[=:]\s*[^&\s,"']+/gi,
  /https?:\/\/\S+/g,
  /\b[A-Za-z0-9_-]{24,}\b/g,
];

export function redact(text: string, maxLength = 200): string {
  let out = text;
  for (const pattern of PATTERNS) out = out.replace(pattern, (m) => (m.startsWith('[') ? '[…]' : m.startsWith('http') ? '<url>' : '<redacted>'));
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}

/** Also removes the literal credentials, whatever their shape. */
export function redactSecrets(text: string, secrets: readonly string[], maxLength = 200): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('<redacted>');
  return redact(out, maxLength);
}
