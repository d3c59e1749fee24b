/**
 * The trader's timezone: display and day bucketing only. Stored times stay UTC epoch ms; a
 * zone turns one into a wall-clock day, weekday and hour. Offsets come from Intl (IANA data), so
 * daylight-saving changes and 30/45-minute zones are right without a table of our own.
 */

export const UTC_ZONE = 'UTC';

/** True when the runtime knows this IANA zone name (e.g. `Asia/Shanghai`, `America/New_York`, `UTC`). */
export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The system's zone (Intl's resolved zone), UTC when the runtime has none. */
export function systemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && isValidTimeZone(zone) ? zone : UTC_ZONE;
}

/** A setting value (null = follow the system) to the zone to use. */
export function effectiveTimeZone(setting: string | null | undefined): string {
  return setting !== null && setting !== undefined && isValidTimeZone(setting) ? setting : systemTimeZone();
}

const QUARTER_HOUR_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Offsets (zone wall clock - UTC, ms) of one zone, cached per UTC quarter hour: every zone changes
 * its offset on a quarter-hour boundary, so one Intl call serves a whole quarter hour of positions.
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat | null;
  private readonly offsets = new Map<number, number>();

  constructor(readonly zone: string) {
    this.format = zone === UTC_ZONE ? null : new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  offsetMs(t: number): number {
    if (this.format === null) return 0;
    const slot = Math.floor(t / QUARTER_HOUR_MS);
    const cached = this.offsets.get(slot);
    if (cached !== undefined) return cached;
    const at = slot * QUARTER_HOUR_MS;
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
    const offset = wall - at;
    // A long histories' worth of quarter hours is ~35k per year: bound the cache anyway.
    if (this.offsets.size > 200_000) this.offsets.clear();
    this.offsets.set(slot, offset);
    return offset;
  }

  /** The zone's wall-clock time as if it were UTC (for day/weekday/hour arithmetic only). */
  wall(t: number): number {
    return t + this.offsetMs(t);
  }

  /**
   * Day number (days since 1970-01-01 in the zone's calendar), weekday and hour at once, with no
   * Date objects: the stats loop calls this once per position.
   */
  parts(t: number): { dayNumber: number; weekday: number; hour: number } {
    const wall = this.wall(t);
    const dayNumber = Math.floor(wall / DAY_MS);
    // Day 0 (1970-01-01) was a Thursday.
    return { dayNumber, weekday: (((dayNumber + 4) % 7) + 7) % 7, hour: Math.floor((wall - dayNumber * DAY_MS) / HOUR_MS) };
  }

  /** `YYYY-MM-DD` of the zone's calendar day containing `t`. */
  day(t: number): string {
    return new Date(this.wall(t)).toISOString().slice(0, 10);
  }

  /** 0 = Sunday, in the zone. */
  weekday(t: number): number {
    return new Date(this.wall(t)).getUTCDay();
  }

  /** 0..23, in the zone. */
  hour(t: number): number {
    return new Date(this.wall(t)).getUTCHours();
  }

  /** `YYYY-MM-DD HH:MM:SS` in the zone. */
  dateTime(t: number): string {
    return new Date(this.wall(t)).toISOString().replace('T', ' ').slice(0, 19);
  }

  /**
   * UTC ms of 00:00 on `day` (`YYYY-MM-DD`) in the zone. Two passes settle the offset across a
   * DST change; a midnight the zone skips resolves to the first instant of that day.
   */
  startOfDay(day: string): number {
    const naive = Date.parse(`${day}T00:00:00Z`);
    let t = naive - this.offsetMs(naive);
    t = naive - this.offsetMs(t);
    return t;
  }
}

const clocks = new Map<string, ZoneClock>();

/** One shared ZoneClock per zone, so its offset cache is reused across renders. */
export function zoneClock(zone: string): ZoneClock {
  let c = clocks.get(zone);
  if (c === undefined) clocks.set(zone, (c = new ZoneClock(zone)));
  return c;
}
