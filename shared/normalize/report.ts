import type { InvalidRowReport } from '../domain/types';

/** Rows refused by a normalizer, grouped by reason with a few samples for the log. */
export class InvalidRows {
  private readonly byReason = new Map<string, InvalidRowReport>();

  constructor(private readonly maxSamples = 5) {}

  add(reason: string, sample: string): void {
    const report = this.byReason.get(reason) ?? { reason, count: 0, samples: [] };
    report.count += 1;
    if (report.samples.length < this.maxSamples) report.samples.push(sample);
    this.byReason.set(reason, report);
  }

  reports(): InvalidRowReport[] {
    return [...this.byReason.values()];
  }
}

export interface Normalized<T> {
  valid: T[];
  invalid: InvalidRowReport[];
}

/** Thrown inside a row normalizer to refuse the row with a reason. */
export class RowRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const REASONS = {
  notAnObject: 'not an object',
  missingId: 'missing or unusable id',
  missingSymbol: 'missing symbol',
  unknownMarket: 'unknown market',
  badTimestamp: 'missing or invalid timestamp',
  futureTimestamp: 'timestamp in the future',
  badSide: 'invalid side',
  nonFinite: 'non-finite number',
  nonPositive: 'non-positive amount or price',
  badCurrency: 'missing currency',
  wrongType: 'row of another type',
} as const;

/** A row normalizer: returns records (one raw row may yield several) or throws RowRejected. */
export function normalizeRows<T>(rows: readonly unknown[], sampleOf: (row: unknown, index: number) => string, one: (row: unknown) => T[]): Normalized<T> {
  const valid: T[] = [];
  const invalid = new InvalidRows();
  rows.forEach((row, index) => {
    try {
      valid.push(...one(row));
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      invalid.add(error.reason, sampleOf(row, index));
    }
  });
  return { valid, invalid: invalid.reports() };
}
