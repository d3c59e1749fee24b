import { describe, expect, it } from 'vitest';
import type { KindState } from '../domain/types';
import { completeness, coverageStart, describeKinds, forgetStage, kindStreams, kindsInScope, kindsOfMode, owedSync, planCoverage, recordAttempt, startsAfterHistory } from './kinds';

const ok = (at: number): KindState => ({ completedAt: at, lastOk: true, lastRunAt: at });

describe('kinds of history in an account scope', () => {
  it('derives the kinds from the stages and the market types in scope', () => {
    expect(kindsInScope({ marketTypes: ['spot'] }).map((k) => k.key)).toEqual(['trades:spot', 'movements', 'balances:spot']);
    expect(kindsInScope({ marketTypes: ['spot', 'linear'] }).map((k) => k.key).sort())
      .toEqual(['balances:linear', 'balances:spot', 'income:linear', 'movements', 'trades:linear', 'trades:spot']);
    expect(kindsOfMode('income', ['spot'])).toEqual([]);
    expect(kindsOfMode('trades', ['spot', 'linear']).map((k) => k.key)).toEqual(['trades:spot', 'trades:linear']);
  });

  it('is complete only when every kind completed and its last run succeeded', () => {
    const all = Object.fromEntries(kindsInScope({ marketTypes: ['spot', 'linear'] }).map((k) => [k.key, ok(1)]));
    expect(completeness({ marketTypes: ['spot', 'linear'], kinds: all }).complete).toBe(true);
    expect(completeness({ marketTypes: ['spot', 'linear'], kinds: undefined })).toMatchObject({ complete: false, neverRan: true });
    const onlyTrades = { 'trades:spot': ok(1), 'trades:linear': ok(1) };
    const partial = completeness({ marketTypes: ['spot', 'linear'], kinds: onlyTrades });
    expect(partial).toMatchObject({ complete: false, neverRan: false });
    expect(describeKinds(partial.missing)).toBe('deposits, withdrawals and wallet history, funding and income, spot balances and futures balances');
    const failed = completeness({ marketTypes: ['spot', 'linear'], kinds: { ...all, 'income:linear': { ...ok(1), lastOk: false } } });
    expect(failed.complete).toBe(false);
    expect(failed.failedLast.map((k) => k.key)).toEqual(['income:linear']);
    // A market type added to the scope later is missing until imported.
    expect(completeness({ marketTypes: ['spot'], kinds: { 'trades:spot': ok(1), movements: ok(1), 'balances:spot': ok(1) } }).complete).toBe(true);
    expect(completeness({ marketTypes: ['spot', 'linear'], kinds: { 'trades:spot': ok(1), movements: ok(1), 'balances:spot': ok(1) } }).complete).toBe(false);
  });

  it('records an attempt: completed kinds ok, uncompleted ones failed only when the attempt failed', () => {
    const covered = kindsOfMode('full', ['spot']);
    const failed = recordAttempt(undefined, covered, new Set(['balances:spot', 'movements']), 'failed', 10);
    expect(failed).toEqual({ 'balances:spot': ok(10), movements: ok(10), 'trades:spot': { completedAt: null, lastOk: false, lastRunAt: 10 } });
    const stopped = recordAttempt(failed, covered, new Set(['trades:spot']), 'stopped', 20);
    expect(stopped['trades:spot']).toEqual(ok(20));
    const again = recordAttempt(stopped, covered, new Set(), 'failed', 30);
    expect(again['movements']).toEqual({ completedAt: 10, lastOk: false, lastRunAt: 30 });
    // A budget continuation (succeeded, not completed) leaves the kind as it was.
    expect(recordAttempt(undefined, covered, new Set(), 'succeeded', 40)).toEqual({});
  });

  it('a run from a date keeps a complete kind complete but cannot complete one that was not (a purge, then a dated re-fetch)', () => {
    const covered = kindsOfMode('trades', ['spot']);
    expect(recordAttempt({ 'trades:spot': ok(1) }, covered, new Set(['trades:spot']), 'succeeded', 50, true)['trades:spot']).toEqual(ok(50));
    const purged = forgetStage({ 'trades:spot': ok(1), movements: ok(1) }, 'trades');
    expect(purged).toEqual({ 'trades:spot': { ...ok(1), completedAt: null }, movements: ok(1) });
    expect(recordAttempt(purged, covered, new Set(['trades:spot']), 'succeeded', 60, true)['trades:spot']).toEqual({ completedAt: null, lastOk: true, lastRunAt: 60 });
    expect(recordAttempt(purged, covered, new Set(['trades:spot']), 'succeeded', 70)['trades:spot']).toEqual(ok(70));
    // forgetStage matches whole stage names only.
    expect(forgetStage({ 'balances:spot': ok(1) }, 'trades')).toEqual({ 'balances:spot': ok(1) });
  });

  it('a continuation of a dated run covers from the date it continues, not from its own empty date', () => {
    const historyStart = 1_000;
    // The dated run and its continuation (resumed from the checkpoints, so without a date).
    expect(startsAfterHistory({ since: 5_000 }, historyStart)).toBe(true);
    const continuation = { since: null, coverageFrom: coverageStart({ since: 5_000 }) };
    expect(continuation.coverageFrom).toBe(5_000);
    expect(startsAfterHistory(continuation, historyStart)).toBe(true);
    // A continuation of that continuation keeps the chain's start.
    expect(coverageStart({ since: null, coverageFrom: coverageStart(continuation) })).toBe(5_000);
    // So it completes kinds exactly as the dated run would: a purged kind stays not imported.
    const covered = kindsOfMode('trades', ['spot']);
    const purged = forgetStage({ 'trades:spot': ok(1) }, 'trades');
    const after = recordAttempt(purged, covered, new Set(['trades:spot']), 'succeeded', 80, startsAfterHistory(continuation, historyStart));
    expect(after['trades:spot']).toEqual({ completedAt: null, lastOk: true, lastRunAt: 80 });
    // Runs from the history start (or before it, or with no date at all) cover everything.
    expect(startsAfterHistory({ since: null }, historyStart)).toBe(false);
    expect(startsAfterHistory({ since: null, coverageFrom: null }, historyStart)).toBe(false);
    expect(startsAfterHistory({ since: historyStart }, historyStart)).toBe(false);
    expect(startsAfterHistory({ since: null, coverageFrom: 500 }, historyStart)).toBe(false);
    // With no history start every date is later than it.
    expect(startsAfterHistory({ since: null, coverageFrom: 500 }, null)).toBe(true);
  });

  it('a dated run marks the incomplete kinds it covers; a run from the history start restarts them and clears the mark', () => {
    const historyStart = 1_000;
    const covered = kindsOfMode('full', ['spot']);
    const purged = forgetStage({ 'trades:spot': ok(1), movements: ok(1), 'balances:spot': ok(1) }, 'trades');
    // A dated run (and its continuations): only the kind that is not complete is marked, from the date.
    const marked = planCoverage(purged, covered, { since: 5_000 }, historyStart);
    expect(marked?.restart).toEqual([]);
    expect(marked?.kinds['trades:spot']).toEqual({ ...ok(1), completedAt: null, coveredFrom: 5_000 });
    expect(marked?.kinds['movements']).toEqual(ok(1));
    expect(planCoverage(marked?.kinds, covered, { since: null, coverageFrom: 5_000 }, historyStart)).toBeNull();
    // An earlier date widens the mark; a kind never run gets one too.
    expect(planCoverage(marked?.kinds, covered, { since: 3_000 }, historyStart)?.kinds['trades:spot']?.coveredFrom).toBe(3_000);
    expect(planCoverage(undefined, kindsOfMode('trades', ['spot']), { since: 5_000 }, historyStart)?.kinds['trades:spot']).toMatchObject({ completedAt: null, coveredFrom: 5_000 });
    // Completing from a date keeps the mark (recordAttempt), so the kind is still owed from the start.
    const after = recordAttempt(marked?.kinds, covered, new Set(['trades:spot']), 'succeeded', 60, true);
    expect(after['trades:spot']).toEqual({ completedAt: null, lastOk: true, lastRunAt: 60, coveredFrom: 5_000 });
    expect(recordAttempt(marked?.kinds, covered, new Set(), 'failed', 61, true)['trades:spot']).toMatchObject({ lastOk: false, coveredFrom: 5_000 });
    // From the history start without a date: its streams restart (their checkpoints go), the mark goes.
    const fromStart = planCoverage(after, covered, { since: null }, historyStart);
    expect(fromStart?.restart.map((k) => k.key)).toEqual(['trades:spot']);
    expect(fromStart?.kinds['trades:spot']).toEqual({ completedAt: null, lastOk: true, lastRunAt: 60 });
    expect(recordAttempt(fromStart?.kinds, covered, new Set(['trades:spot']), 'succeeded', 70)['trades:spot']).toEqual(ok(70));
    // A date at the history start restarts the streams by itself: the mark goes, nothing to delete.
    expect(planCoverage(after, covered, { since: historyStart }, historyStart)?.restart).toEqual([]);
    // Nothing marked, nothing to do.
    expect(planCoverage({ 'trades:spot': ok(1) }, covered, { since: null }, historyStart)).toBeNull();
  });

  it('names the checkpoint streams of each kind', () => {
    const [tradesSpot, movements, incomeLinear, balances] = [...kindsOfMode('trades', ['spot']), ...kindsOfMode('movements', []), ...kindsOfMode('income', ['linear']), ...kindsOfMode('balances', ['spot'])];
    expect(tradesSpot && kindStreams(tradesSpot)).toEqual([{ stream: 'trades', marketType: 'spot' }]);
    expect(incomeLinear && kindStreams(incomeLinear)).toEqual([{ stream: 'income', marketType: 'linear' }]);
    expect(movements && kindStreams(movements).map((s) => s.stream)).toEqual(['movements', 'converts', 'dust', 'rewards', 'transfers']);
    expect(balances && kindStreams(balances)).toEqual([]);
  });

  it('owes the failed job\'s own mode, or everything while a kind was never imported', () => {
    const scope = { marketTypes: ['spot' as const] };
    expect(owedSync({ ...scope, kinds: { 'trades:spot': ok(1) } }, { mode: 'trades', since: null })).toEqual({ mode: 'full', since: null });
    const all = { 'trades:spot': ok(1), movements: ok(1), 'balances:spot': ok(1) };
    expect(owedSync({ ...scope, kinds: { ...all, movements: { ...ok(1), lastOk: false } } }, { mode: 'movements', since: 5 })).toEqual({ mode: 'movements', since: 5 });
    // A narrower failed job than what is failing is widened.
    expect(owedSync({ ...scope, kinds: { ...all, movements: { ...ok(1), lastOk: false } } }, { mode: 'trades', since: null })).toEqual({ mode: 'full', since: null });
    expect(owedSync({ ...scope, kinds: all }, null)).toEqual({ mode: 'full', since: null });
  });
});
