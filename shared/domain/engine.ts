/** Observable engine state, sent to the renderer as events and on request. */

export type BreakerPhase = 'closed' | 'open' | 'half_open';

export interface BreakerState {
  /** Endpoint group, e.g. `binance:spot`, `bybit:linear`. */
  group: string;
  phase: BreakerPhase;
  consecutiveFailures: number;
  /** When an open breaker lets trial requests through (ms), else null. */
  reopensAt: number | null;
  changedAt: number;
}

export interface LimiterUsage {
  /** Rate bucket, e.g. `binance:api`, `binance:fapi`, `bybit:execution`. */
  bucket: string;
  used: number;
  limit: number;
  windowMs: number;
  /** Set while a Retry-After (429/418/403) pauses the whole bucket. */
  pausedUntil: number | null;
}

export interface KeyPermissions {
  canRead: boolean;
  /** null = unknown: the permissions endpoint did not answer and a signed read proved the key (see `warning`). */
  canTrade: boolean | null;
  canWithdraw: boolean | null;
  /** null when the exchange does not say. */
  ipRestricted: boolean | null;
  marketTypes: string[];
  checkedAt: number;
  /** Set when the permissions could not be read and the key was checked with a read-only call. */
  warning?: string;
}

export interface EngineStatus {
  backgroundPaused: boolean;
  online: boolean;
  shuttingDown: boolean;
  runningJobIds: string[];
  breakers: BreakerState[];
  limiters: LimiterUsage[];
}
