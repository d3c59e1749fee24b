import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { sanitizeText, sanitizeValue, sanitizedJson, toSafeError } from './sanitize';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SIG = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';

describe('sanitizer', () => {
  it('drops signed query strings from ccxt error texts', () => {
    const msg = `binance GET https://api.binance.com/api/v3/myTrades?symbol=BTCUSDT&timestamp=1700000000000&recvWindow=10000&signature=${SIG} 401 {"code":-2015}`;
    const out = sanitizeText(msg);
    expect(out).not.toContain(SIG);
    expect(out).not.toContain('timestamp=1700000000000');
    expect(out).toContain('https://api.binance.com/api/v3/myTrades?[redacted]');
    expect(out).toContain('-2015');
  });

  it('redacts key=value pairs and header dumps', () => {
    expect(sanitizeText(`apiKey=${KEY}&x=1`)).toBe('apiKey=[redacted]&x=1');
    expect(sanitizeText(`{"X-MBX-APIKEY": "${KEY}", "X-BAPI-SIGN": "abc123"}`)).not.toMatch(new RegExp(`${KEY}|abc123`));
    expect(sanitizeText('X-BAPI-API-KEY: shortkey1 other')).toBe('X-BAPI-API-KEY: [redacted] other');
    expect(sanitizeText('sign=deadbeef')).toBe('sign=[redacted]');
  });

  it('removes known secrets and long hex/tokens anywhere', () => {
    expect(sanitizeText('boom with mysecret123 inside', ['mysecret123'])).toBe('boom with [redacted] inside');
    expect(sanitizeText(`bare ${SIG} here`)).toBe('bare [redacted] here');
    expect(sanitizeText(`bare ${KEY}`)).toBe('bare [redacted]');
    // ordinary text and short numbers survive
    expect(sanitizeText('BTC/USDT trade 12345 failed: -1121 Invalid symbol.')).toBe('BTC/USDT trade 12345 failed: -1121 Invalid symbol.');
  });

  it('sanitizes nested values by field name and content', () => {
    const v = sanitizeValue({ info: { apiKey: KEY, symbol: 'BTCUSDT', url: `https://x/y?signature=${SIG}` }, list: [{ secret: 's' }] });
    const text = JSON.stringify(v);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(SIG);
    expect(text).toContain('BTCUSDT');
  });

  it('caps snapshot JSON', () => {
    const s = sanitizedJson({ rows: Array.from({ length: 1000 }, (_, i) => ({ id: i })) }, 200);
    expect(s.length).toBeLessThanOrEqual(200);
    expect(s).toContain('truncated');
    expect(sanitizedJson({ a: 1 }, 200)).toBe('{"a":1}');
  });

  it('turns any error into a safe code + message', () => {
    expect(toSafeError(new AppError('EXCHANGE_AUTH', `bad key ${KEY}`))).toEqual({ code: 'EXCHANGE_AUTH', message: 'bad key [redacted]' });
    const plain = toSafeError(new Error(`GET https://h/p?timestamp=1&signature=${SIG}`));
    expect(plain.code).toBe('INTERNAL');
    expect(plain.message).not.toContain(SIG);
    expect(toSafeError('x'.repeat(2000)).message.length).toBeLessThanOrEqual(500);
  });
});
