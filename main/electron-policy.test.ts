import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Electron cannot be imported under Node here (its package downloads a binary), so the window's
// security policy is checked as source text: crude, but it fails the moment someone flips a flag,
// drops a handler or widens the CSP. Comments are stripped first so a commented-out line never passes.
const here = dirname(fileURLToPath(import.meta.url));
function source(path: string): string {
  return readFileSync(join(here, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}
const security = source('electron/security.ts');
const windowTs = source('electron/window.ts');

/** The object literal secureWebPreferences returns. */
function webPreferencesLiteral(): string {
  const match = /export function secureWebPreferences\([^)]*\)[^{]*\{\s*return\s*\{([\s\S]*?)\};\s*\}/.exec(security);
  expect(match, 'secureWebPreferences returns one object literal').not.toBeNull();
  return match?.[1] ?? '';
}

/** Body of `contents.on('<event>', ...)` up to the next handler. */
function handlerBody(event: string): string {
  const start = security.indexOf(`contents.on('${event}'`);
  expect(start, `a ${event} handler`).toBeGreaterThanOrEqual(0);
  const next = security.indexOf('contents.', start + 10);
  return security.slice(start, next === -1 ? undefined : next);
}

describe('Electron window security policy (static)', () => {
  it('webPreferences: isolated, sandboxed, no Node, no webview, never throttled', () => {
    const prefs = webPreferencesLiteral();
    const expected: Record<string, string> = {
      contextIsolation: 'true',
      sandbox: 'true',
      nodeIntegration: 'false',
      nodeIntegrationInWorker: 'false',
      nodeIntegrationInSubFrames: 'false',
      webviewTag: 'false',
      webSecurity: 'true',
      allowRunningInsecureContent: 'false',
      backgroundThrottling: 'false',
    };
    for (const [key, value] of Object.entries(expected)) {
      const entries = [...prefs.matchAll(new RegExp(`\\b${key}\\s*:\\s*([^,\\n]+)`, 'g'))].map((m) => (m[1] ?? '').trim());
      expect(entries, key).toEqual([value]);
    }
    // Nothing can override the literal afterwards (no spread of caller options into it).
    expect(prefs).not.toContain('...');
    expect(prefs).toMatch(/\bpreload\s*:\s*preloadPath\b/);
  });

  it('the main window uses exactly those webPreferences and loads a local file', () => {
    expect(windowTs).toMatch(/webPreferences\s*:\s*secureWebPreferences\(options\.preloadPath\)/);
    expect(windowTs.match(/webPreferences/g)).toHaveLength(1);
    expect(windowTs).toMatch(/\.loadFile\(/);
    expect(windowTs).not.toMatch(/\.loadURL\(/);
    // No window in the codebase builds its own webPreferences.
    expect(windowTs).not.toMatch(/nodeIntegration|contextIsolation|sandbox\s*:/);
  });

  it('navigation away from the app is prevented, redirects too, and webviews cannot attach', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const body = handlerBody(event);
      expect(body, event).toMatch(/if\s*\(\s*!isAppUrl\(url\)\s*\)\s*event\.preventDefault\(\)/);
    }
    expect(handlerBody('will-attach-webview')).toMatch(/event\.preventDefault\(\)/);
  });

  it('window.open is denied for every URL', () => {
    expect(security).toMatch(/setWindowOpenHandler\(\s*\(\)\s*=>\s*\(\{\s*action:\s*'deny'\s*\}\)\s*\)/);
    expect(security).not.toMatch(/action:\s*'allow'/);
  });

  it('every permission request and check is denied', () => {
    expect(security).toMatch(/setPermissionRequestHandler\(\s*\([^)]*\)\s*=>\s*callback\(false\)\s*\)/);
    expect(security).toMatch(/setPermissionCheckHandler\(\s*\(\)\s*=>\s*false\s*\)/);
    expect(security).not.toMatch(/callback\(true\)/);
  });

  it('every response gets the shared strict CSP', () => {
    expect(security).toMatch(/import \{ CONTENT_SECURITY_POLICY \} from '..\/..\/shared\/security\/csp'/);
    expect(security).toMatch(/onHeadersReceived\([\s\S]*'Content-Security-Policy':\s*\[CONTENT_SECURITY_POLICY\]/);
  });
});
