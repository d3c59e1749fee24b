/**
 * Weight accounting for one exchange rate bucket, pure (time is an argument).
 *
 * - `fixed`: the exchange counts weight per calendar window (Binance: per UTC minute, reset at
 *   :00). Budget is free again exactly at the next window boundary, so bursting the whole budget
 *   early in a minute is fine and pacing to the per-minute average would waste it.
 * - `rolling`: the exchange counts over the last `windowMs` (Bybit per-second limits). Each
 *   reservation expires `windowMs` after it was made.
 *
 * Our budget is `limit x budgetFraction` (margin for other apps on the same IP). The exchange's
 * used-weight headers correct the count upwards (they include other apps' weight); we never lower
 * our own count from a header because requests still in flight are not in the header yet.
 */

export type WindowKind = 'fixed' | 'rolling';

export interface WindowSpec {
  kind: WindowKind;
  windowMs: number;
  /** Exchange limit per window. */
  limit: number;
  /** 0.1..1: share of the limit we allow ourselves. */
  budgetFraction: number;
}

interface Spend { at: number; weight: number }

export interface WindowState {
  /** fixed: start of the current window; rolling: unused. */
  windowStart: number;
  /** fixed: weight counted in the current window (ours or the header's, whichever is higher). */
  used: number;
  /** rolling: our reservations still inside the window, oldest first. */
  spends: Spend[];
  /** rolling: weight the exchange reports beyond ours, valid until `externalUntil`. */
  external: number;
  externalUntil: number;
}

export function newWindowState(): WindowState {
  return { windowStart: 0, used: 0, spends: [], external: 0, externalUntil: 0 };
}

export function budget(spec: WindowSpec): number {
  return Math.max(1, Math.floor(spec.limit * spec.budgetFraction));
}

function windowStartOf(spec: WindowSpec, now: number): number {
  return Math.floor(now / spec.windowMs) * spec.windowMs;
}

/** Drops what has expired at `now`. Mutates and returns `state` (callers own it). */
export function roll(spec: WindowSpec, state: WindowState, now: number): WindowState {
  if (spec.kind === 'fixed') {
    const start = windowStartOf(spec, now);
    if (start !== state.windowStart) {
      state.windowStart = start;
      state.used = 0;
    }
  } else {
    const from = now - spec.windowMs;
    while (state.spends.length > 0 && (state.spends[0]?.at ?? Infinity) <= from) state.spends.shift();
    if (now >= state.externalUntil) state.external = 0;
  }
  return state;
}

export function usedWeight(spec: WindowSpec, state: WindowState, now: number): number {
  roll(spec, state, now);
  if (spec.kind === 'fixed') return state.used;
  return state.spends.reduce((sum, s) => sum + s.weight, 0) + state.external;
}

export type ReserveResult = { ok: true } | { ok: false; waitMs: number };

/**
 * Reserves `weight` at `now` if it fits the budget; otherwise says how long until it might.
 * A request heavier than the whole budget is let through on an empty window, or it would wait forever.
 */
export function tryReserve(spec: WindowSpec, state: WindowState, now: number, weight: number): ReserveResult {
  const used = usedWeight(spec, state, now);
  const cap = budget(spec);
  if (used + weight <= cap || used === 0) {
    if (spec.kind === 'fixed') state.used += weight;
    else state.spends.push({ at: now, weight });
    return { ok: true };
  }
  return { ok: false, waitMs: waitFor(spec, state, now, weight, cap) };
}

function waitFor(spec: WindowSpec, state: WindowState, now: number, weight: number, cap: number): number {
  if (spec.kind === 'fixed') return Math.max(1, state.windowStart + spec.windowMs - now);
  // Rolling: walk the spends oldest first until enough expires.
  let used = usedWeight(spec, state, now);
  let until = now;
  for (const s of state.spends) {
    used -= s.weight;
    until = s.at + spec.windowMs;
    if (used + weight <= cap) break;
  }
  if (state.external > 0 && used + weight > cap) until = Math.max(until, state.externalUntil);
  return Math.max(1, until - now);
}

/** What a response header said. */
export interface UsageObservation {
  /** Fixed windows: total weight used in the current window (X-MBX-USED-WEIGHT-1M). */
  usedWeight?: number;
  /** Rolling windows: requests remaining, limit and reset time (X-Bapi-Limit-*). */
  remaining?: number;
  limit?: number;
  resetAt?: number;
}

/** Corrects the count upwards from the exchange's own numbers (other apps spend weight too). */
export function observeUsage(spec: WindowSpec, state: WindowState, now: number, obs: UsageObservation): void {
  roll(spec, state, now);
  if (spec.kind === 'fixed') {
    if (obs.usedWeight !== undefined && Number.isFinite(obs.usedWeight)) state.used = Math.max(state.used, obs.usedWeight);
    return;
  }
  if (obs.remaining !== undefined && Number.isFinite(obs.remaining)) {
    const limit = obs.limit !== undefined && Number.isFinite(obs.limit) ? obs.limit : spec.limit;
    const reported = Math.max(0, limit - obs.remaining);
    const ours = state.spends.reduce((sum, s) => sum + s.weight, 0);
    state.external = Math.max(0, reported - ours);
    state.externalUntil = obs.resetAt !== undefined && obs.resetAt > now ? Math.min(obs.resetAt, now + spec.windowMs) : now + spec.windowMs;
  } else if (obs.usedWeight !== undefined && Number.isFinite(obs.usedWeight)) {
    const ours = state.spends.reduce((sum, s) => sum + s.weight, 0);
    state.external = Math.max(0, obs.usedWeight - ours);
    state.externalUntil = now + spec.windowMs;
  }
}

/**
 * How long until `weight` more can all have been reserved, at the budget and no faster: 0 when it
 * fits what is left of the current window. A lane that still needs several windows' weight cannot
 * finish before the last of them opens, whatever its pace so far says (a fixed window's burst at
 * its start makes the pace look fast right after it: docs/SYNC-STATUS.md, "ETA").
 */
export function sendAllWaitMs(spec: WindowSpec, state: WindowState, now: number, weight: number): number {
  const cap = budget(spec);
  const free = Math.max(0, cap - usedWeight(spec, state, now));
  if (weight <= free) return 0;
  const beyond = weight - free;
  if (spec.kind === 'fixed') {
    const windows = Math.ceil(beyond / cap);
    return state.windowStart + spec.windowMs - now + (windows - 1) * spec.windowMs;
  }
  // Rolling: the budget comes back as the window slides, cap per windowMs.
  return Math.ceil((beyond / cap) * spec.windowMs);
}
