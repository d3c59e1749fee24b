import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, rotatingFileSink } from './logger';
import type { LogRecord } from './logger';
import { REDACTED, Redactor } from './redact';

describe('Redactor', () => {
  it('removes registered secrets wherever they appear', () => {
    const redactor = new Redactor();
    redactor.addSecret('sk_live_SUPERSECRET');
    expect(redactor.text('failed with key sk_live_SUPERSECRET twice: sk_live_SUPERSECRET')).toBe(`failed with key ${REDACTED} twice: ${REDACTED}`);
  });

  it('redacts signatures, key headers and signed query strings exchanges echo back', () => {
    const redactor = new Redactor();
    const text = redactor.text('GET /api/v3/myTrades?symbol=BTCUSDT&timestamp=1&signature=abc123def456 X-MBX-APIKEY: AKIAxyz X-BAPI-SIGN=ffff');
    expect(text).not.toContain('abc123def456');
    expect(text).not.toContain('AKIAxyz');
    expect(text).not.toContain('ffff');
    expect(text).toContain('symbol=BTCUSDT');
  });

  it('blanks secret-looking fields in objects, deeply, and survives cycles', () => {
    const redactor = new Redactor();
    const value: Record<string, unknown> = { account: { apiKey: 'k-123456789', secret: 's-123456789', label: 'main' }, list: [{ signature: 'x' }] };
    value.self = value;
    const out = JSON.stringify(redactor.value(value));
    expect(out).not.toContain('k-123456789');
    expect(out).not.toContain('s-123456789');
    expect(out).toContain('main');
    expect(out).toContain('[cycle]');
  });

  it('ignores values too short to be secrets (they would blank ordinary words)', () => {
    const redactor = new Redactor();
    redactor.addSecret('abc');
    expect(redactor.text('abc')).toBe('abc');
  });
});

describe('logger', () => {
  it('filters by level and redacts before any sink sees the record', () => {
    const records: LogRecord[] = [];
    const redactor = new Redactor();
    redactor.addSecret('my-secret-value');
    const logger = createLogger({ level: 'info', redactor, sinks: [(r) => records.push(r)] }).child('sync');
    logger.debug('hidden');
    logger.info('using my-secret-value', { nested: { token: 'abc', note: 'my-secret-value' } });
    expect(records).toHaveLength(1);
    expect(records[0]?.scope).toBe('sync');
    expect(JSON.stringify(records)).not.toContain('my-secret-value');
    expect(JSON.stringify(records)).not.toContain('"abc"');
  });

  it('a throwing sink does not break logging', () => {
    const records: LogRecord[] = [];
    const logger = createLogger({ level: 'debug', redactor: new Redactor(), sinks: [() => { throw new Error('disk full'); }, (r) => records.push(r)] });
    logger.error('still logged');
    expect(records).toHaveLength(1);
  });

  it('rotates the file by size and keeps a bounded number of old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradelog-log-'));
    const sink = rotatingFileSink({ dir, maxBytes: 400, keep: 2 });
    const logger = createLogger({ level: 'debug', redactor: new Redactor(), sinks: [sink] });
    for (let i = 0; i < 40; i += 1) logger.info(`line ${i} ${'x'.repeat(50)}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const current = readFileSync(join(dir, 'main.log'), 'utf8').trim().split('\n');
    expect(current.length).toBeGreaterThan(0);
    // Every line is one JSON record, and the newest line is in the current file.
    expect(JSON.parse(current[current.length - 1] ?? '{}').message).toContain('line 39');
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8').length).toBeLessThanOrEqual(400 + 120);
  });
});
