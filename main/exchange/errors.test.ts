import { AuthenticationError, BadRequest, BadSymbol, DDoSProtection, ExchangeError, ExchangeNotAvailable, InvalidNonce, NetworkError, OnMaintenance, PermissionDenied, RequestTimeout } from 'ccxt';
import { describe, expect, it } from 'vitest';
import type { ResponseCapture } from './capture';
import { mapExchangeError } from './errors';
import { redactForDisplay as redact } from '../../shared/sync/sanitize';
import { rewriteApiUrls, shouldWarnBaseUrl } from './urls';

const cap = (status: number, parsed: unknown, headers: Record<string, string> = {}): ResponseCapture => ({ status, headers, body: JSON.stringify(parsed), parsed });

describe('mapExchangeError: response first', () => {
  it.each([
    [-1102, 'EXCHANGE_BAD_REQUEST'], [-1127, 'EXCHANGE_BAD_REQUEST'], [-1128, 'EXCHANGE_BAD_REQUEST'], [-1121, 'EXCHANGE_BAD_SYMBOL'],
    [-1021, 'EXCHANGE_CLOCK_SKEW'], [-1022, 'EXCHANGE_AUTH'], [-2014, 'EXCHANGE_AUTH'], [-2015, 'EXCHANGE_AUTH'], [-1003, 'EXCHANGE_RATE_LIMITED'],
  ] as const)('Binance code %i -> %s', (code, expected) => {
    // ccxt throws DDoSProtection for -2015 after an earlier success: the body code wins.
    const e = mapExchangeError('binance', new DDoSProtection('binance {"code":-2015} https://api.binance.com/x?signature=abc'), cap(400, { code, msg: 'x' }), 0);
    expect(e.code).toBe(expected);
    expect(e.message).not.toContain('signature');
  });

  it.each([
    [10001, 'params error', 'EXCHANGE_BAD_REQUEST'], [10001, 'symbol invalid', 'EXCHANGE_BAD_SYMBOL'], [10002, '', 'EXCHANGE_CLOCK_SKEW'],
    [10003, '', 'EXCHANGE_AUTH'], [10004, 'error sign! origin_string[KEY]', 'EXCHANGE_AUTH'], [33004, '', 'EXCHANGE_AUTH'],
    [10005, '', 'EXCHANGE_PERMISSION'], [10010, '', 'EXCHANGE_PERMISSION'], [10006, '', 'EXCHANGE_RATE_LIMITED'], [10016, 'System error', 'EXCHANGE_TRANSIENT'],
  ] as const)('Bybit retCode %i (%s) -> %s', (retCode, retMsg, expected) => {
    const e = mapExchangeError('bybit', new ExchangeError('bybit'), cap(200, { retCode, retMsg }), 0);
    expect(e.code).toBe(expected);
    expect(e.message).not.toContain('KEY');
  });

  it('429/418 carry Retry-After; Bybit 10006 falls back to the reset timestamp', () => {
    expect(mapExchangeError('binance', new DDoSProtection('x'), cap(429, { code: -1003 }, { 'retry-after': '12' }), 0).retryAfterMs).toBe(12_000);
    expect(mapExchangeError('binance', new DDoSProtection('x'), cap(418, { code: -1003 }, { 'retry-after': '120' }), 0).retryAfterMs).toBe(120_000);
    expect(mapExchangeError('bybit', new ExchangeError('x'), cap(200, { retCode: 10006 }, { 'x-bapi-limit-reset-timestamp': '1500' }), 1000).retryAfterMs).toBe(500);
  });

  it('limit responses without Retry-After get the exchange rule as backoff', () => {
    expect(mapExchangeError('binance', new DDoSProtection('x'), cap(429, { code: -1003 }), 90_000).retryAfterMs).toBe(30_000);
    expect(mapExchangeError('binance', new DDoSProtection('x'), cap(418, { code: -1003 }), 0).retryAfterMs).toBe(120_000);
    expect(mapExchangeError('bybit', new ExchangeError('x'), { status: 403, headers: {}, body: 'access too frequent', parsed: undefined }, 0).retryAfterMs).toBe(600_000);
  });

  it('plain HTTP statuses', () => {
    expect(mapExchangeError('binance', new ExchangeNotAvailable('x'), { status: 502, headers: {}, body: '<html>', parsed: undefined }, 0).code).toBe('EXCHANGE_TRANSIENT');
    expect(mapExchangeError('binance', new ExchangeError('x'), { status: 503, headers: {}, body: 'System is under maintenance.', parsed: undefined }, 0).code).toBe('EXCHANGE_MAINTENANCE');
    expect(mapExchangeError('bybit', new ExchangeError('x'), { status: 403, headers: {}, body: 'access too frequent', parsed: undefined }, 0).code).toBe('EXCHANGE_RATE_LIMITED');
  });
});

describe('mapExchangeError: ccxt class fallback (no response)', () => {
  it.each([
    [new RequestTimeout('t'), 'EXCHANGE_TRANSIENT'], [new NetworkError('n'), 'EXCHANGE_TRANSIENT'], [new OnMaintenance('m'), 'EXCHANGE_MAINTENANCE'],
    [new InvalidNonce('n'), 'EXCHANGE_CLOCK_SKEW'], [new DDoSProtection('d'), 'EXCHANGE_RATE_LIMITED'], [new PermissionDenied('p'), 'EXCHANGE_PERMISSION'],
    [new AuthenticationError('a'), 'EXCHANGE_AUTH'], [new BadSymbol('b'), 'EXCHANGE_BAD_SYMBOL'], [new BadRequest('b'), 'EXCHANGE_BAD_REQUEST'],
    [new TypeError('Cannot read properties of undefined'), 'EXCHANGE_BAD_RESPONSE'],
  ] as const)('%s -> %s', (error, expected) => {
    expect(mapExchangeError('binance', error, null, 0).code).toBe(expected);
  });
});

describe('redaction and base URLs', () => {
  it('redacts signed URLs, bracket echoes and key-like tokens', () => {
    const text = 'GET https://api.binance.com/api/v3/myTrades?timestamp=1&signature=deadbeef origin_string[1700KEYKEY] key=abcdefghijklmnopqrstuvwxyz0123';
    const out = redact(text);
    expect(out).not.toContain('deadbeef');
    expect(out).not.toContain('KEYKEY');
    expect(out).not.toContain('abcdefghijklmnopqrstuvwxyz0123');
  });

  it('rewrites every API entry to the override origin, keeping paths', () => {
    const api = rewriteApiUrls({ public: 'https://api.binance.com/api/v3', fapiPrivate: 'https://fapi.binance.com/fapi/v1', spot: 'https://api.{hostname}' }, 'http://127.0.0.1:9000/ignored');
    expect(api).toEqual({ public: 'http://127.0.0.1:9000/api/v3', fapiPrivate: 'http://127.0.0.1:9000/fapi/v1', spot: 'http://127.0.0.1:9000' });
  });

  it('warns only for plain http to a non-loopback host', () => {
    expect(shouldWarnBaseUrl('http://127.0.0.1:8123')).toBe(false);
    expect(shouldWarnBaseUrl('http://localhost:8123')).toBe(false);
    expect(shouldWarnBaseUrl('https://proxy.example.com')).toBe(false);
    expect(shouldWarnBaseUrl('http://proxy.example.com')).toBe(true);
    expect(shouldWarnBaseUrl('not a url')).toBe(true);
  });
});
