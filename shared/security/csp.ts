/**
 * The renderer's Content-Security-Policy, one definition for both hosts (Electron sets it as a
 * response header and the page carries it as a meta tag; browser mode sends it as a header).
 * No inline script, no eval, no remote origin: the only network peer is the local main core.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
