/**
 * RFC 4180 CSV, both ways. Reading is forgiving where real exchange exports differ from the RFC
 * (UTF-8 BOM, LF or CR line ends, blank lines) and strict where guessing would corrupt data
 * (a quote inside an unquoted field, text after a closing quote, an unterminated quote).
 */

export interface CsvRecord {
  /** 1-based line number where the record starts (what a user sees in an editor). */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** Records that could not be read; they are not in `records`. */
  problems: CsvProblem[];
}

/** `delimiter`: ',' (RFC 4180) or the separator sniffed from the file (`;` in some locales, tab). */
export function parseCsv(input: string, delimiter: string = ','): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | null = null;
    let field = '';
    let endOfRecord = false;
    let sawAnything = false;

    while (!endOfRecord) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const c = text[i];
      if (c === '"' && field === '' && !problem) {
        // Quoted field: runs to the next quote not followed by another quote.
        sawAnything = true;
        i++;
        let closed = false;
        while (i < n) {
          const q = text[i];
          if (q === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
          field += q;
          i++;
        }
        if (!closed) {
          problem = 'unterminated quoted field';
          fields.push(field);
          break;
        }
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
          problem = 'text after a closing quote';
          // Skip to the end of this physical line and give up on the record.
          while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        }
        continue;
      }
      if (c === delimiter) {
        sawAnything = true;
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        fields.push(field);
        endOfRecord = true;
        continue;
      }
      if (c === '"') problem ??= 'quote inside an unquoted field';
      sawAnything = true;
      field += c;
      i++;
    }

    if (problem !== null) {
      problems.push({ line: startLine, message: problem });
      continue;
    }
    // A blank line is no record (RFC 4180 has none; spreadsheets add them at the end).
    if (!sawAnything && fields.length === 1 && fields[0] === '') continue;
    records.push({ line: startLine, fields });
  }
  return { records, problems };
}

/** Quotes a field only when it must be quoted (separator, quote, line break, edge spaces). */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** RFC 4180 text: CRLF after every record, including the last. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(csvField).join(',') + '\r\n';
  return out;
}
