/**
 * Scriptable fault injection. A test queues rules; each incoming request takes the first rule
 * that matches it (exchange and path), after letting `after` matching requests pass, and the rule
 * fires `times` times. Persistent knobs (latency, clock skew) live beside the rules.
 */

export type SimExchange = 'binance' | 'bybit';

export type Fault =
  /** Extra delay before the request is handled. */
  | { kind: 'latency'; ms: number }
  /** Never answer (the client's timeout fires). The socket is closed when the simulator stops. */
  | { kind: 'hang' }
  /** A bare HTTP error from a proxy or gateway (5xx bursts). */
  | { kind: 'http'; status: number }
  /** Binance 429 / Bybit 10006 with Retry-After. */
  | { kind: 'rateLimit'; retryAfterMs: number }
  /** Binance 418 IP ban / Bybit 403 IP ban. */
  | { kind: 'ban'; retryAfterMs: number }
  /** 200 with a body cut in the middle of the JSON. */
  | { kind: 'malformed' }
  /** The TCP connection is destroyed before any response. */
  | { kind: 'reset' }
  /** Binance 503 "System is under maintenance." / Bybit maintenance. */
  | { kind: 'maintenance' }
  /** A recorded real response body, sent verbatim with status 200 (replay tests). */
  | { kind: 'recorded'; body: unknown };

export interface FaultMatch {
  exchange?: SimExchange;
  /** Substring of the URL path. */
  path?: string;
}

export interface FaultRule {
  fault: Fault;
  match: FaultMatch;
  /** Matching requests to let through before firing. */
  after: number;
  /** How many times to fire (Infinity = until cleared). */
  times: number;
}

export class Faults {
  private rules: FaultRule[] = [];
  /** Latency added to every request (ms). */
  latencyMs = 0;

  inject(fault: Fault, options: { match?: FaultMatch; after?: number; times?: number } = {}): void {
    this.rules.push({ fault, match: options.match ?? {}, after: options.after ?? 0, times: options.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  pending(): number {
    return this.rules.length;
  }

  /** Takes the fault for this request, if any (consumes one firing). */
  take(exchange: SimExchange, path: string): Fault | null {
    for (const rule of this.rules) {
      if (rule.match.exchange !== undefined && rule.match.exchange !== exchange) continue;
      if (rule.match.path !== undefined && !path.includes(rule.match.path)) continue;
      if (rule.after > 0) {
        rule.after -= 1;
        continue;
      }
      rule.times -= 1;
      if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return rule.fault;
    }
    return null;
  }
}
