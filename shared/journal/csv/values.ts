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

const DATE_TIME = /^(\d{2}|\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2}| ?UTC)?$/i;
/** Bybit's unified spot export writes the time first: `22:37 2024-11-21` (or with seconds). */
const TIME_DATE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * A time in ms. Accepts `2024-03-05 14:07:09(.123)`, the two-digit-year form `24-03-05 14:07:09`
 * (older Binance exports), time-first `14:07 2024-03-05` (Bybit), ISO with `Z` or `+hh:mm`, and
 * epoch milliseconds (13 digits) or seconds (10 digits). A time without a zone is read at
 * `offsetMinutes` from UTC (the offset an export's header states, e.g. `Date(UTC+8)`; 0 when it
 * says UTC). Impossible dates (Feb 30) are refused.
 */
export function parseUtcTime(raw: string, offsetMinutes: number = 0): number | null {
  const s = raw.trim();
  if (/^\d{13}$/.test(s)) return Number(s);
  if (/^\d{10}$/.test(s)) return Number(s) * 1000;
  const tf = TIME_DATE.exec(s);
  if (tf !== null) return civil(Number(tf[4]), Number(tf[5]), Number(tf[6]), Number(tf[1]), Number(tf[2]), Number(tf[3] ?? '0'), 0, offsetMinutes);
  const m = DATE_TIME.exec(s);
  if (m === null) return null;
  const yearText = m[1] ?? '';
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const zone = (m[8] ?? '').trim().toUpperCase();
  const offset = zone === '' ? offsetMinutes : zone === 'Z' || zone === 'UTC' ? 0 : zoneMinutes(zone);
  return civil(year, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0'), Number((m[7] ?? '0').padEnd(3, '0')), offset);
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function civil(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): number | null {
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return t - offsetMinutes * 60_000;
}

/**
 * The UTC offset a time column's header states, in minutes: `Date(UTC)` 0, `Time(UTC+8)` 480,
 * `Date(UTC+05:30)` 330, `Trade Time(UTC-3)` -180. Null when the header names no offset.
 */
export function headerUtcOffset(header: string): number | null {
  const m = /UTC\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?/i.exec(header);
  if (m === null) return null;
  if (m[1] === undefined) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The UTC offset in an export's file name, in minutes: Binance names USD-M exports
 * `Binance-Futures-Trade-History-202608302008(UTC+3).csv` (also `(UTC-5)`, `(UTC0)`, and
 * `(UTC--6)` for minus six). Null when the name states none.
 */
export function fileNameUtcOffset(name: string): number | null {
  const m = /\(UTC\s*([+-])?\s*(-)?(\d{1,2})(?::?(\d{2}))?\)/i.exec(name);
  if (m === null) return null;
  const minutes = Number(m[3]) * 60 + Number(m[4] ?? '0');
  return m[1] === '-' || m[2] === '-' ? -minutes : minutes;
}

/** ISO 8601 UTC with milliseconds, the export's time format. */
export function formatUtcTime(t: number): string {
  return new Date(t).toISOString();
}
