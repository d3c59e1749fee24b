import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { freePort } from './app';

export interface CapturedFrame {
  direction: 'sent' | 'received';
  url: string;
  payload: string;
}

/** Records every WebSocket frame of the page (both directions). Call before the first goto. */
export function captureWebSocketFrames(page: Page): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  page.on('websocket', (ws) => {
    const url = ws.url();
    ws.on('framesent', (frame) => frames.push({ direction: 'sent', url, payload: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8') }));
    ws.on('framereceived', (frame) => frames.push({ direction: 'received', url, payload: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8') }));
  });
  return frames;
}

/** The request channel a renderer -> main frame carries, if it is a request. */
export function channelOf(frame: CapturedFrame): string | null {
  try {
    const message = JSON.parse(frame.payload) as { t?: unknown; channel?: unknown };
    return message.t === 'req' && typeof message.channel === 'string' ? message.channel : null;
  } catch {
    return null;
  }
}

/** A full V8 heap snapshot of the page (HeapProfiler collects garbage first), as text. */
export async function heapSnapshotText(page: Page): Promise<string> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  await cdp.detach();
  return chunks.join('');
}

/** Every file under a folder (recursively), concatenated as text; missing folder = ''. */
export function readTree(dir: string): { files: string[]; text: string } {
  const files: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  return { files, text: files.map((f) => readFileSync(f, 'utf8')).join('\n') };
}

/** Serves one HTML page on another loopback port: a different origin from the app's. */
export async function serveForeignPage(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface CspProbe {
  evalBlocked: boolean;
  inlineRan: boolean;
  fetchBlocked: boolean;
}

/**
 * Tries in the page what the CSP must refuse: eval, an injected inline script, a fetch to another
 * host. The same probe as security.spec.ts's browser-mode CSP test, for the Electron window.
 */
export async function probeCsp(page: Page): Promise<CspProbe> {
  return page.evaluate(async () => {
    // CDP's evaluate lifts the eval ban for its own call: test eval from a later task instead.
    const evalBlocked = await new Promise<boolean>((resolve) => setTimeout(() => {
      try {
        (0, eval)('1 + 1');
        resolve(false);
      } catch {
        resolve(true);
      }
    }, 0));
    const w = window as unknown as { inlineRan?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.appendChild(script);
    let fetchBlocked = false;
    try {
      await fetch('http://example.com/');
    } catch {
      fetchBlocked = true;
    }
    return { evalBlocked, inlineRan: w.inlineRan === true, fetchBlocked };
  });
}
