import { isKeySafe } from '../domain/keys';
import { REASONS, RowRejected } from './report';

/** Small readers for untyped exchange rows. Every failure is a RowRejected with a reason. */

export type Row = Record<string, unknown>;

export function asRow(value: unknown): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RowRejected(REASONS.notAnObject);
  return value as Row;
}

export function field(row: Row, name: string): unknown {
  return row[name];
}

export function optionalRow(value: unknown): Row | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : null;
}

/** An id usable in a unique key: numbers become strings, empty or separator-bearing ids are refused. */
export function idOf(value: unknown): string {
  const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!isKeySafe(id)) throw new RowRejected(REASONS.missingId);
  return id;
}

export function optionalString(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Finite number from a number or a decimal string; anything else is refused. */
export function finite(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw new RowRejected(REASONS.nonFinite);
  return n;
}

/** Like finite, but absent (undefined/null/'') is allowed and gives `fallback`. */
export function finiteOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  return finite(value);
}

export function positive(value: unknown): number {
  const n = finite(value);
  if (n <= 0) throw new RowRejected(REASONS.nonPositive);
  return n;
}

/** A plausible ms timestamp, not beyond now + tolerance (a future row means a broken clock or feed). */
export function timestampOf(value: unknown, now: number, toleranceMs: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  // 2001-09-09 in ms: anything earlier is a seconds value or garbage.
  if (!Number.isSafeInteger(n) || n < 1_000_000_000_000) throw new RowRejected(REASONS.badTimestamp);
  if (n > now + toleranceMs) throw new RowRejected(REASONS.futureTimestamp);
  return n;
}

export function sampleId(row: unknown, index: number, ...names: string[]): string {
  const r = optionalRow(row);
  for (const name of names) {
    const v = r === null ? undefined : r[name];
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') return String(v);
  }
  return `#${index}`;
}
