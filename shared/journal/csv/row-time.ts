import type { FormatOptions, HeaderIndex } from './columns';
import { cell } from './columns';
import { headerUtcOffset, parseUtcTime } from './values';

/**
 * Reads a row's time at the file's UTC offset: the one its time column's header names
 * (`Date(UTC+3)`), else the one the user gave for the file (its name carries it), else UTC.
 * An unreadable time adds its reason to the row's and reads as null.
 */
export function rowTimeReader(headers: HeaderIndex, headerColumn: number | undefined, options: FormatOptions): (cells: readonly string[], reasons: string[], column?: number) => number | null {
  const offset = headerUtcOffset(headers.raw(headerColumn)) ?? options.utcOffsetMinutes ?? 0;
  return (cells, reasons, column = headerColumn) => {
    const text = cell(cells, column);
    const t = parseUtcTime(text, offset);
    if (t === null) reasons.push(`unreadable time "${text}"`);
    return t;
  };
}
