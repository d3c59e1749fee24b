import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { createAppCore } from '../core/appCore';
import { createCoreServices } from '../core/services';
import { applyCoreV8Flags } from '../core/v8-flags';
import { consoleSink, createLogger, parseLogLevel, rotatingFileSink } from '../log/logger';
import { Redactor } from '../log/redact';
import { createKeytarStore } from '../secrets/keytarStore';
import { startBrowserHost } from './host';

/**
 * Browser mode: the same main core under Node, the same renderer in any browser, over the
 * WebSocket link. Used where no Electron binary exists (this project's CI) and for e2e.
 *
 * Environment: TRADELOG_PORT (default 5871: a fixed port keeps the browser's IndexedDB, which is
 * keyed by origin including the port), TRADELOG_TOKEN (default: random per run), TRADELOG_DATA_DIR,
 * TRADELOG_LOG_LEVEL, TRADELOG_STATIC_DIR.
 */
const DEFAULT_PORT = 5871;

function dataDir(): string {
  if (process.env.TRADELOG_DATA_DIR) return resolve(process.env.TRADELOG_DATA_DIR);
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'Tradelog');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

async function main(): Promise<void> {
  applyCoreV8Flags();
  const port = Number(process.env.TRADELOG_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`TRADELOG_PORT must be a port number, got ${process.env.TRADELOG_PORT}`);
  const token = process.env.TRADELOG_TOKEN ?? randomBytes(32).toString('base64url');
  const redactor = new Redactor();
  redactor.addSecret(token);
  const logger = createLogger({
    level: parseLogLevel(process.env.TRADELOG_LOG_LEVEL, 'info'),
    redactor,
    sinks: [rotatingFileSink({ dir: join(dataDir(), 'logs') }), consoleSink()],
  });

  let host;
  try {
    host = await startBrowserHost({ port, token, staticDir: resolve(process.env.TRADELOG_STATIC_DIR ?? 'dist/renderer'), logger: logger.child('browser') });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      // The browser-mode twin of Electron's single-instance lock: one core per journal.
      console.error(`Port ${port} is in use: Tradelog is probably running already. Set TRADELOG_PORT to run a second, separate instance.`);
      process.exit(1);
    }
    throw error;
  }

  const core = createAppCore({
    host: 'browser',
    version: version(),
    platform: process.platform,
    link: host.link,
    credentials: createKeytarStore(),
    logger,
    redactor,
    services: createCoreServices,
  });
  // The one line a user needs; the token in the fragment never reaches a server log.
  console.log(`Tradelog is running in browser mode: open ${host.url}`);
  // The engine starts once the page serves the journal database (it persists through it).
  core.start().catch((error: unknown) => logger.error('sync engine failed to start', { error }));

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping gracefully', { signal });
    void core.stop()
      .catch((error: unknown) => logger.error('engine stop failed', { error }))
      .finally(() => void host.close().finally(() => process.exit(0)));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Tradelog could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
