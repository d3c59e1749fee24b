import type { Account, JobMode, JobRequester } from '../../shared/domain/types';
import type { EngineStatus, KeyPermissions } from '../../shared/domain/engine';
import type { SyncRequestResult } from '../../shared/ipc/contract';
import type { AdapterCredentials } from '../exchange/adapter';
import type { ClosedPnlRecord } from '../../shared/journal/closed-pnl';

/** What the handlers need from the sync engine (main/sync/engine.ts implements it). */
export interface SyncEnginePort {
  request(input: { accountId: string; mode: JobMode; since: number | null; force: boolean; requestedBy: JobRequester }): Promise<SyncRequestResult>;
  requestAll(mode: JobMode, requestedBy: JobRequester): Promise<SyncRequestResult[]>;
  cancel(jobId: string): Promise<boolean>;
  status(): EngineStatus;
  setBackgroundPaused(paused: boolean): void;
  resetBreaker(group: string): void;
  /** The account's keys or settings changed: drop cached adapters, resume a paused schedule. */
  accountChanged(accountId: string): void;
}

/** Checks a key against the exchange without storing anything (main/exchange implements it). */
export interface ConnectionTester {
  test(account: Account, credentials: AdapterCredentials | null): Promise<KeyPermissions>;
}

/** Reads an account's closed P&L records from the exchange (Bybit only), through the engine's gate. */
export interface ClosedPnlReader {
  read(account: Account, since: number, now: number): Promise<ClosedPnlRecord[]>;
}

/** The built-in demo exchange: a simulator on loopback with a ready history. */
export interface DemoExchangePort {
  /** Starts it if needed; returns where it listens and the demo key (not a secret: it opens only the simulator). */
  ensureStarted(): Promise<{ baseUrl: string; credentials: AdapterCredentials }>;
}
