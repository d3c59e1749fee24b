import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { silentLogger } from './logger';
import { withPageRetry, type PageRetryDeps } from './pageRetry';
import { FakeClock, settleUntil } from '../../testing/sync/fakeClock';

function deps(clock: FakeClock, giveUp?: AbortSignal): PageRetryDeps {
  return {
    clock, settings: DEFAULT_SETTINGS, signal: new AbortController().signal, adapter: { resyncClock: () => Promise.resolve() },
    logger: silentLogger, onRetry: () => undefined, ...(giveUp === undefined ? {} : { giveUp }),
  };
}

const transient = (): AppError => new AppError('EXCHANGE_TRANSIENT', '502');

describe('page retries beside a failed lane (giveUp)', () => {
  it('a page that fails after a sibling lane failed is not retried; one that succeeds goes on', async () => {
    const clock = new FakeClock();
    const giveUp = new AbortController();
    giveUp.abort();
    let calls = 0;
    await expect(withPageRetry('p', () => {
      calls++;
      return Promise.reject(transient());
    }, deps(clock, giveUp.signal))).rejects.toMatchObject({ code: 'EXCHANGE_TRANSIENT' });
    expect(calls).toBe(1);
    await expect(withPageRetry('p', () => Promise.resolve('rows'), deps(clock, giveUp.signal))).resolves.toBe('rows');
  });

  it('a retry already waiting ends at once with the page\'s own error when a sibling lane fails', async () => {
    const clock = new FakeClock();
    const giveUp = new AbortController();
    let calls = 0;
    const page = withPageRetry('p', () => {
      calls++;
      return Promise.reject(transient());
    }, deps(clock, giveUp.signal));
    const outcome = page.then(() => 'resolved', (error: unknown) => error);
    await settleUntil(() => calls === 1);
    // Waiting out its backoff (1 s and up): no time passes, the sibling fails.
    giveUp.abort();
    expect(await outcome).toMatchObject({ code: 'EXCHANGE_TRANSIENT', message: '502' });
    expect(calls).toBe(1);
  });

  it('without a failed sibling a transient page error is retried', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const page = withPageRetry('p', () => (++calls < 2 ? Promise.reject(transient()) : Promise.resolve('rows')), deps(clock));
    await settleUntil(() => calls === 1);
    await clock.advance(DEFAULT_SETTINGS.retry.pageCapMs);
    expect(await page).toBe('rows');
    expect(calls).toBe(2);
  });
});
