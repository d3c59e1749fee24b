/**
 * Cell values of exchange exports: decimals with thousands separators, numbers with an asset
 * suffix (`0.5BTC`), and UTC date-times in the shapes the exports use.
 */

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A decimal number, or null. Accepts `1,234.5` (comma = thousands separator only). */
export function parseDecimal(raw: string): number | null {
  const s = raw.trim();
  let value: number;
  if (PLAIN.test(s)) value = Number(s);
  else if (GROUPED.test(s)) value = Number(s.replace(/,/g, ''));
  else return null;
  return Number.isFinite(value) ? value : null;
}

/**
 * Plain decimal text for a number (never exponent notation, which some spreadsheet imports
 * misread). Exact: the digits are those of the shortest round-trip representation.
 */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) return '';
  const s = String(value);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const sign = s.startsWith('-') ? '-' : '';
  const mantissa = s.slice(sign.length, e);
  const exponent = Number(s.slice(e + 1));
  const [intPart = '', fracPart = ''] = mantissa.split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export interface AmountWithAsset {
  value: number;
  /** Upper-case asset, or null when the cell is a bare number. */
  asset: string | null;
}

/**
 * `0.5BTC` -> { 0.5, BTC }. Assets may start with digits (`1INCH`, `1000PEPE`), so a cell
 * like `100.51INCH` is ambiguous on its own: pass the assets the row can contain as
 * `candidates` (longest tried first) and they win over the generic split.
 */
export function parseAmountWithAsset(raw: string, candidates: readonly string[] = []): AmountWithAsset | null {
  const s = raw.trim();
  const sorted = [...candidates].filter((c) => c.length > 0).sort((a, b) => b.length - a.length);
  for (const asset of sorted) {
    if (s.toUpperCase().endsWith(asset.toUpperCase())) {
      const value = parseDecimal(s.slice(0, s.length - asset.length));
      if (value !== null) return { value, asset: asset.toUpperCase() };
    }
  }
  const plain = parseDecimal(s);
  if (plain !== null) return { value: plain, asset: null };
  const m = /^(.*?\d)\s*([A-Za-z][A-Za-z0-9]*)$/.exec(s);
  if (m === null) return null;
  const value = parseDecimal(m[1] ?? '');
  return value === null ? null : { value, asset: (m[2] ?? '').toUpperCase() };
}

const DATE_TIME = /^(\d{2}|\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]00:?00| ?UTC)?$/i;

/**
 * A UTC time in ms. Accepts `2024-03-05 14:07:09(.123)`, the two-digit-year form
 * `24-03-05 14:07:09` (older Binance exports), ISO `2024-03-05T14:07:09.123Z`, and epoch
 * milliseconds (13 digits) or seconds (10 digits). Times without a zone are UTC: every
 * supported export labels its time column UTC. Impossible dates (Feb 30) are refused.
 */
export function parseUtcTime(raw: string): number | null {
  const s = raw.trim();
  if (/^\d{13}$/.test(s)) return Number(s);
  if (/^\d{10}$/.test(s)) return Number(s) * 1000;
  const m = DATE_TIME.exec(s);
  if (m === null) return null;
  const yearText = m[1] ?? '';
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return t;
}

/** ISO 8601 UTC with milliseconds, the export's time format. */
export function formatUtcTime(t: number): string {
  return new Date(t).toISOString();
}
