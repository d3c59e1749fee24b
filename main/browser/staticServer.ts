import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Serves the built renderer (dist/renderer) read-only. Paths are resolved inside the root and
 * anything escaping it is a 404; unknown paths fall back to index.html (client-side routes).
 */
export function createStaticHandler(rootDir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const root = resolve(rootDir);
  const indexFile = join(root, 'index.html');

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    } catch {
      res.writeHead(400, SECURITY_HEADERS).end();
      return;
    }
    const candidate = resolve(root, normalize(`.${pathname}`));
    if (candidate !== root && !candidate.startsWith(root + sep)) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    const file = existsSync(candidate) && statSync(candidate).isFile() ? candidate : extname(pathname) === '' ? indexFile : null;
    if (file === null || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(
        existsSync(indexFile) ? 'Not found' : 'The renderer is not built. Run `npm run build:renderer`.',
      );
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      // Hashed assets can be cached; index.html must not be, so a rebuild is picked up.
      'Cache-Control': file === indexFile ? 'no-store' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}
