import { MIN_SECRET_LENGTH, REDACTED, sanitizeText, sanitizeValue } from '../../shared/sync/sanitize';

export { REDACTED };

/**
 * The logger's and main's redaction: the shared patterns (shared/sync/sanitize.ts) plus the exact
 * secrets registered here (every key and secret loaded from the keychain is added before use).
 * Field names that look secret are blanked whatever their value.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never be written anywhere. Short values are ignored (too many false hits). */
  addSecret(value: string | null | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  removeSecret(value: string): void {
    this.secrets.delete(value);
  }

  text(input: string): string {
    return sanitizeText(input, [...this.secrets]);
  }

  /** Deep copy with secret-looking fields blanked and every string redacted. Cycles are cut. */
  value(input: unknown): unknown {
    return sanitizeValue(input, [...this.secrets]);
  }
}
