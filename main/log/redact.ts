/**
 * Redaction for everything that leaves main as text (log lines, error details, snapshots).
 * Two layers: exact known secrets (every key and secret loaded from the keychain is registered
 * here before use), and patterns for what exchanges echo back (signatures, key headers, signed
 * query strings). Field names that look secret are blanked whatever their value.
 */
const SECRET_FIELD = /(secret|api[-_]?key|apikey|password|passphrase|signature|token|authorization|x-mbx-apikey|x-bapi-api-key|x-bapi-sign)/i;

const PATTERNS: [RegExp, string][] = [
  [/([?&]signature=)[^&\s"']+/gi, '$1[redacted]'],
  [/([?&](?:api_?key|apiKey|X-MBX-APIKEY)=)[^&\s"']+/gi, '$1[redacted]'],
  [/((?:X-MBX-APIKEY|X-BAPI-API-KEY|X-BAPI-SIGN|Authorization)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1[redacted]'],
  [/("(?:secret|apiKey|api_key|signature|token)"\s*:\s*")[^"]*"/gi, '$1[redacted]"'],
];

export const REDACTED = '[redacted]';
const MIN_SECRET_LENGTH = 6;

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
    let out = input;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** Deep copy with secret-looking fields blanked and every string redacted. Cycles are cut. */
  value(input: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
    if (typeof input === 'string') return this.text(input);
    if (typeof input !== 'object' || input === null) return input;
    if (seen.has(input)) return '[cycle]';
    seen.add(input);
    if (input instanceof Error) {
      return { name: input.name, message: this.text(input.message), ...(input.stack ? { stack: this.text(input.stack) } : {}) };
    }
    if (Array.isArray(input)) return input.map((item) => this.value(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(input)) {
      out[key] = SECRET_FIELD.test(key) && val !== null && val !== undefined && val !== '' ? REDACTED : this.value(val, seen);
    }
    return out;
  }
}
