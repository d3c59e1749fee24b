/**
 * Base-URL override checks ("Advanced: API base URL"). Pure string logic, no URL parsing
 * dependencies beyond the standard URL class (available in Node and browsers alike).
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The origin (scheme://host:port) of a base URL, or null when it is not an http(s) URL. */
export function baseUrlOrigin(baseUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}

export function isLoopbackUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** True when the user should be warned: the key would travel unencrypted to another machine. */
export function shouldWarnBaseUrl(baseUrl: string): boolean {
  const origin = baseUrlOrigin(baseUrl);
  if (origin === null) return true;
  return !origin.startsWith('https:') && !isLoopbackUrl(baseUrl);
}
