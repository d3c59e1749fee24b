import { describe, expect, it } from 'vitest';
import { balanceEntries, defaultNormalizers } from './defaultNormalizers';
import { sanitizingLogger, type Logger } from './logger';

describe('balance mapping', () => {
  it('maps a ccxt balance to non-zero entries, skipping the summary keys', () => {
    const raw = {
      info: { apiKey: 'x' }, free: { BTC: 1 }, used: {}, total: { BTC: 1 }, timestamp: 1,
      BTC: { free: 0.5, used: '0.25', total: 0.75 }, ETH: { free: 0, used: 0, total: 0 }, USDT: { free: '10', used: null, total: '10' },
    };
    expect(balanceEntries(raw)).toEqual([
      { currency: 'BTC', free: 0.5, used: 0.25, total: 0.75 },
      { currency: 'USDT', free: 10, used: 0, total: 10 },
    ]);
    expect(balanceEntries(null)).toEqual([]);
    const snap = defaultNormalizers.balances({ marketType: 'spot', timestamp: 5, raw }, { exchange: 'binance', accountId: 'a', now: 5 });
    expect(snap).toMatchObject({ key: 'a|spot|5', accountId: 'a', marketType: 'spot', timestamp: 5 });
  });
});

describe('sanitizing logger', () => {
  it('scrubs secrets from messages and data', () => {
    const lines: string[] = [];
    const inner: Logger = { info: (m, d) => lines.push(m + JSON.stringify(d)), warn: () => undefined, error: () => undefined };
    sanitizingLogger(inner).info('GET https://x/api?timestamp=1&signature=abcdef', { secret: 's3cr3t', apiKey: 'k', symbol: 'BTC/USDT' });
    expect(lines[0]).not.toMatch(/abcdef|s3cr3t|"k"/);
    expect(lines[0]).toContain('BTC/USDT');
  });
});
