/**
 * Base-URL override checks ("Advanced: API base URL"). Plain string parsing: shared/ has neither
 * the DOM nor Node's URL class in its type environment.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

interface ParsedOrigin {
  scheme: 'http' | 'https';
  host: string;
  origin: string;
}

function parseOrigin(baseUrl: string): ParsedOrigin | null {
  const m = /^(https?):\/\/([^/?#\s]+)(?:[/?#]|$)/i.exec(baseUrl.trim());
  if (m === null) return null;
  const scheme = (m[1] ?? '').toLowerCase() === 'https' ? 'https' : 'http';
  // Drop any user:password@ part: it never belongs in an origin.
  const authority = (m[2] ?? '').replace(/^.*@/, '').toLowerCase();
  if (authority === '') return null;
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : (authority.split(':')[0] ?? '');
  if (host === '') return null;
  return { scheme, host, origin: `${scheme}://${authority}` };
}

/** The origin (scheme://host:port) of a base URL, or null when it is not an http(s) URL. */
export function baseUrlOrigin(baseUrl: string): string | null {
  return parseOrigin(baseUrl)?.origin ?? null;
}

export function isLoopbackUrl(baseUrl: string): boolean {
  const parsed = parseOrigin(baseUrl);
  if (parsed === null) return false;
  return LOOPBACK_HOSTS.has(parsed.host) || /^127\.\d+\.\d+\.\d+$/.test(parsed.host);
}

/** True when the user should be warned: the key would travel unencrypted to another machine. */
export function shouldWarnBaseUrl(baseUrl: string): boolean {
  const parsed = parseOrigin(baseUrl);
  if (parsed === null) return true;
  return parsed.scheme !== 'https' && !isLoopbackUrl(baseUrl);
}
