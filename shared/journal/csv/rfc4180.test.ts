import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, writeCsv } from './rfc4180';
import { formatDecimal, parseAmountWithAsset, parseDecimal, parseUtcTime } from './values';

describe('parseCsv', () => {
  it('reads BOM, CRLF, quoted commas, escaped quotes and line breaks inside quotes', () => {
    const text = '\uFEFFa,b,c\r\n1,"2,5","say ""hi"""\r\n"multi\r\nline",x,\r\n\r\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2,5', 'say "hi"'] },
      { line: 3, fields: ['multi\r\nline', 'x', ''] },
    ]);
  });

  it('accepts LF, CR, and a missing final line break', () => {
    expect(parseCsv('a,b\n1,2').records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a\r1\r').records.map((r) => r.line)).toEqual([1, 2]);
  });

  it('reports malformed records with their line and keeps going', () => {
    const { records, problems } = parseCsv('a,b\n1,x"y\n"2"z,3\n4,5\n"open,6\n7,8\n');
    expect(problems).toEqual([
      { line: 2, message: 'quote inside an unquoted field' },
      { line: 3, message: 'text after a closing quote' },
      { line: 5, message: 'unterminated quoted field' },
    ]);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['4', '5']]);
  });
});

describe('writeCsv', () => {
  it('quotes only when needed and ends every record with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'd"e', 'f\ng', ' pad', '']])).toBe('a,"b,c","d""e","f\ng"," pad",\r\n');
    expect(csvField('plain')).toBe('plain');
  });

  it('round-trips arbitrary fields', () => {
    const rows = [['x', 'a,"b"', 'line\r\nbreak', ''], ['1', '2', '3', '4']];
    expect(parseCsv(writeCsv(rows)).records.map((r) => r.fields)).toEqual(rows);
  });
});

describe('cell values', () => {
  it('parses decimals with thousands separators and refuses junk', () => {
    expect(parseDecimal('1,234,567.89')).toBe(1234567.89);
    expect(parseDecimal('-0.5')).toBe(-0.5);
    expect(parseDecimal('1E-8')).toBe(1e-8);
    expect(parseDecimal('.5')).toBe(0.5);
    for (const bad of ['', 'abc', '1,23', '1.2.3', 'NaN', 'Infinity', '12,34.5', '0x10']) expect(parseDecimal(bad)).toBeNull();
  });

  it('formats decimals without exponents, exactly', () => {
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(-1.2345e-8)).toBe('-0.000000012345');
    expect(formatDecimal(1e21)).toBe('1000000000000000000000');
    expect(formatDecimal(0.1 + 0.2)).toBe('0.30000000000000004');
    for (const v of [1e-7, 123.456, 5e-324, 1.5e22, -0.000001]) expect(Number(formatDecimal(v))).toBe(v);
  });

  it('splits amounts with asset suffixes, digit-led assets with a hint', () => {
    expect(parseAmountWithAsset('0.5BTC')).toEqual({ value: 0.5, asset: 'BTC' });
    expect(parseAmountWithAsset('1,234.5 USDT')).toEqual({ value: 1234.5, asset: 'USDT' });
    expect(parseAmountWithAsset('12')).toEqual({ value: 12, asset: null });
    expect(parseAmountWithAsset('100.51INCH', ['1INCH'])).toEqual({ value: 100.5, asset: '1INCH' });
    expect(parseAmountWithAsset('BTC')).toBeNull();
  });

  it('reads the export date shapes as UTC and refuses impossible dates', () => {
    const t = Date.UTC(2024, 2, 5, 14, 7, 9);
    expect(parseUtcTime('2024-03-05 14:07:09')).toBe(t);
    expect(parseUtcTime('24-03-05 14:07:09')).toBe(t);
    expect(parseUtcTime('2024-03-05T14:07:09.123Z')).toBe(t + 123);
    expect(parseUtcTime(String(t))).toBe(t);
    expect(parseUtcTime(String(t / 1000))).toBe(t);
    expect(parseUtcTime('2024-02-30 00:00:00')).toBeNull();
    expect(parseUtcTime('2024-03-05 25:00:00')).toBeNull();
    expect(parseUtcTime('05/03/2024 14:07')).toBeNull();
  });
});
