import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import { createStaticHandler } from './staticServer';
import { WsLink } from './wsLink';

export interface BrowserHostOptions {
  /** 0 = any free port. A fixed port keeps IndexedDB (keyed by origin incl. port) across runs. */
  port: number;
  token: string;
  staticDir: string;
  logger: Logger;
}

export interface BrowserHost {
  link: WsLink;
  server: Server;
  port: number;
  origin: string;
  /** What the user opens: the token rides in the fragment, which is never sent to a server. */
  url: string;
  close(): Promise<void>;
}

/** HTTP (the built renderer) and WebSocket (/ipc) on 127.0.0.1 only: never reachable off-machine. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const server = createServer(createStaticHandler(options.staticDir));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const link = new WsLink({ token: options.token, allowedOrigins: [origin, `http://localhost:${port}`], logger: options.logger });

  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path !== '/ipc' || !link.originAllowed(request)) {
      options.logger.warn('browser-mode upgrade refused', { path, origin: request.headers.origin ?? null });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    link.wss.handleUpgrade(request, socket, head, (ws) => link.wss.emit('connection', ws, request));
  });

  return {
    link,
    server,
    port,
    origin,
    url: `${origin}/#token=${options.token}`,
    async close() {
      await link.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
