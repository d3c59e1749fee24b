import { describe, expect, it } from 'vitest';
import { csvFileName, fileNamePart, fileStamp } from './download';

const NOW = Date.UTC(2026, 10, 22, 13, 47, 5);

describe('CSV download naming', () => {
  it('stamps the UTC minute', () => {
    expect(fileStamp(NOW)).toBe('20261122-1347');
  });

  it('names trades and positions by account, symbol and time', () => {
    expect(csvFileName('trades', { account: 'Main Binance', symbol: 'BTC/USDT:USDT' }, NOW)).toBe('tradelog-trades-main-binance-btc-usdt-usdt-20261122-1347.csv');
    expect(csvFileName('positions', { account: null, symbol: null }, NOW)).toBe('tradelog-positions-all-accounts-20261122-1347.csv');
  });

  it('never lets a label reach outside the file name', () => {
    expect(fileNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNamePart('a\\b:c*?"<>|')).toBe('a-b-c');
    expect(fileNamePart('Üñí çødé')).toBe('uni-c-de');
    expect(fileNamePart('***', 'x')).toBe('x');
    expect(fileNamePart('a'.repeat(100))).toHaveLength(40);
  });
});
