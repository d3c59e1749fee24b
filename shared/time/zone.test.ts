import { describe, expect, it } from 'vitest';
import { ZoneClock, effectiveTimeZone, isValidTimeZone } from './zone';

describe('ZoneClock', () => {
  it('puts a late-evening UTC time on the next day east of UTC and keeps it west of UTC', () => {
    const t = Date.parse('2024-03-01T20:30:00Z'); // a Friday
    expect(new ZoneClock('UTC').day(t)).toBe('2024-03-01');
    const shanghai = new ZoneClock('Asia/Shanghai');
    expect(shanghai.day(t)).toBe('2024-03-02');
    expect(shanghai.weekday(t)).toBe(6);
    expect(shanghai.hour(t)).toBe(4);
    expect(new ZoneClock('America/New_York').day(Date.parse('2024-03-02T03:00:00Z'))).toBe('2024-03-01');
  });

  it('follows daylight saving (New York: UTC-5 in winter, UTC-4 in summer)', () => {
    const ny = new ZoneClock('America/New_York');
    expect(ny.offsetMs(Date.parse('2024-01-15T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(ny.offsetMs(Date.parse('2024-07-15T12:00:00Z'))).toBe(-4 * 3_600_000);
    // 2024-03-10 07:00Z is 03:00 EDT, right after the spring-forward jump.
    expect(ny.hour(Date.parse('2024-03-10T06:59:00Z'))).toBe(1);
    expect(ny.hour(Date.parse('2024-03-10T07:00:00Z'))).toBe(3);
  });

  it('handles quarter-hour zones and the start of a zoned day', () => {
    const kathmandu = new ZoneClock('Asia/Kathmandu'); // UTC+5:45
    expect(kathmandu.offsetMs(Date.parse('2024-05-01T00:00:00Z'))).toBe((5 * 60 + 45) * 60_000);
    expect(kathmandu.startOfDay('2024-05-02')).toBe(Date.parse('2024-05-01T18:15:00Z'));
    expect(new ZoneClock('America/New_York').startOfDay('2024-07-04')).toBe(Date.parse('2024-07-04T04:00:00Z'));
  });

  it('validates zone names and falls back to the system zone', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(effectiveTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(isValidTimeZone(effectiveTimeZone(null))).toBe(true);
  });
});

describe('ZoneClock.parts', () => {
  it('agrees with day/weekday/hour around the clock and across DST', () => {
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Asia/Kathmandu', 'Australia/Adelaide']) {
      const clock = new ZoneClock(zone);
      for (let t = Date.UTC(2024, 2, 9); t < Date.UTC(2024, 2, 12); t += 17 * 60_000) {
        const p = clock.parts(t);
        expect(new Date(p.dayNumber * 86_400_000).toISOString().slice(0, 10)).toBe(clock.day(t));
        expect(p.weekday).toBe(clock.weekday(t));
        expect(p.hour).toBe(clock.hour(t));
      }
    }
  });
});
