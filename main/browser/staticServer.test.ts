import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticHandler } from './staticServer';

/** Raw request: fetch() would normalize `..` out of the path before sending it. */
function get(port: number, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static renderer server', () => {
  const parent = mkdtempSync(join(tmpdir(), 'tradelog-static-'));
  const root = join(parent, 'renderer');
  const server = createServer(createStaticHandler(root));
  let port = 0;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<html>app</html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(parent, 'secret.txt'), 'outside the root');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves files with a strict CSP and falls back to index.html for routes', async () => {
    const asset = await get(port, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(String(asset.headers['content-security-policy'])).toContain("default-src 'none'");
    expect((await get(port, '/journal/trades')).body).toBe('<html>app</html>');
  });

  it('never serves anything outside its root', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
      const response = await get(port, path);
      expect(response.body, path).not.toContain('outside the root');
      expect(response.body, path).not.toContain('root:');
    }
  });

  it('rejects a malformed URL encoding instead of throwing', async () => {
    expect((await get(port, '/%E0%A4%A')).status).toBe(400);
  });
});
