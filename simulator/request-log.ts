import type { SimExchange } from './faults';

/** One served (or refused) request, for assertions on what the client actually sent. */
export interface LoggedRequest {
  exchange: SimExchange;
  method: string;
  path: string;
  /** Parameters without the signature (never logged: tests print this). */
  params: Record<string, string>;
  weight: number;
  /** HTTP status sent; 0 when the connection was reset or left hanging. */
  status: number;
  /** Exchange error code (Binance `code`, Bybit `retCode`) when the body carried one. */
  errorCode: number | null;
  at: number;
}

export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  add(entry: LoggedRequest): void {
    this.entries.push(entry);
  }
  clear(): void {
    this.entries.length = 0;
  }
  paths(): string[] {
    return this.entries.map((e) => e.path);
  }
  count(pathIncludes: string): number {
    return this.entries.filter((e) => e.path.includes(pathIncludes)).length;
  }
}
