/**
 * A custom API base URL is for the demo, tests and proxies. Keys sent over plain HTTP to a
 * non-loopback host could be read on the way, so that combination earns a warning.
 */
export function baseUrlWarning(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'The API base URL is not a valid address.';
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'https:' || loopback) return null;
  return `The API base URL ${url.origin} is not HTTPS: requests signed with your key travel unencrypted.`;
}
