import type { Account } from '../../shared/domain/types';
import type { AccountsPort } from '../../shared/store/port';
import { nextDueAt } from '../../shared/sync/plan';
import { toSafeError } from '../../shared/sync/sanitize';
import type { Clock } from './clock';
import type { Logger } from './logger';

export interface SchedulerDeps {
  store: Pick<AccountsPort, 'listAccounts'>;
  clock: Clock;
  logger: Logger;
  /** False while background sync is paused, disabled in settings, offline or stopping. */
  active: () => boolean;
  /** Queues a background sync of the account (deduped by the queue). */
  enqueue: (account: Account) => Promise<void>;
}

/** Re-reads accounts at least this often, so new accounts and changed intervals are picked up. */
const MAX_SLEEP_MS = 60_000;

/**
 * Background scheduler: each account with an interval (Account.scheduleMinutes, floored per
 * exchange) is synced when due. Accounts that need credentials are skipped until their keys are
 * updated (status back to active). Overdue accounts run as soon as the machine is online/awake.
 */
export class Scheduler {
  private cancelTimer: (() => void) | null = null;
  private ticking: Promise<void> | null = null;
  private running = false;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  stop(): void {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Checks now (wake, back online, resumed, accounts changed). */
  kick(): void {
    if (!this.running) return;
    this.ticking ??= this.tick().finally(() => {
      this.ticking = null;
    });
  }

  /** For tests: resolves when the current check is done. */
  async idle(): Promise<void> {
    await this.ticking;
  }

  private async tick(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const now = this.deps.clock.now();
    let wait = MAX_SLEEP_MS;
    try {
      if (this.deps.active()) {
        const accounts = await this.deps.store.listAccounts();
        for (const account of accounts) {
          const due = nextDueAt(account);
          if (due === null) continue;
          if (due <= now) await this.deps.enqueue(account);
          // After enqueuing, the next due time moves with lastAttemptAt; the periodic re-read catches it.
          else wait = Math.min(wait, due - now);
        }
      }
    } catch (error) {
      this.deps.logger.warn('scheduler check failed', { error: toSafeError(error) });
    }
    if (this.running) this.cancelTimer = this.deps.clock.setTimer(() => this.kick(), Math.max(1000, wait));
  }
}
