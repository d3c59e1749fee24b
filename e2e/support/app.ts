import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningApp {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Everything the core printed, for assertions (secrets must never appear here). */
  output(): string;
  /** Graceful stop (SIGTERM: the engine finishes its batch). */
  stop(): Promise<void>;
  /** Crash: SIGKILL, no cleanup at all. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a port to keep the browser's IndexedDB (keyed by origin including port) across runs. */
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the real main core in browser mode (as `npm start` does) and waits for its URL line. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const token = randomBytes(24).toString('base64url');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tradelog-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser/start.ts'], {
    env: { ...process.env, ...options.env, TRADELOG_PORT: String(port), TRADELOG_TOKEN: token, TRADELOG_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    dataDir,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
