import { type CsvProblem, type CsvRecord, parseCsv } from './rfc4180';

/** Separators exports use: RFC 4180's comma, `;` where the locale's decimal mark is a comma, tab. */
const DELIMITERS = [',', ';', '\t'] as const;
/** Preamble lines tolerated before the header (Bybit's unified exports start with `UID: ...`). */
const MAX_PREAMBLE = 5;

export interface SniffedTable {
  delimiter: string;
  records: CsvRecord[];
  problems: CsvProblem[];
  /** Index in `records` of the header row. */
  headerAt: number;
}

/**
 * Finds the separator and the header row: the first of the first few records that `isHeader`
 * accepts, trying `,` then `;` then tab. When none is accepted, the comma reading with the first
 * record as header is returned, so the caller's "unrecognized file" error shows that header.
 */
export function sniffTable(text: string, isHeader: (fields: readonly string[]) => boolean): SniffedTable {
  let fallback: SniffedTable | null = null;
  for (const delimiter of DELIMITERS) {
    const parsed = parseCsv(text, delimiter);
    const table = { delimiter, records: parsed.records, problems: parsed.problems, headerAt: 0 };
    fallback ??= table;
    const limit = Math.min(parsed.records.length, MAX_PREAMBLE + 1);
    for (let i = 0; i < limit; i++) {
      const fields = parsed.records[i]?.fields ?? [];
      if (fields.length > 1 && isHeader(fields)) return { ...table, headerAt: i };
    }
  }
  return fallback ?? { delimiter: ',', records: [], problems: [], headerAt: 0 };
}
