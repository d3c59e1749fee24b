import { z } from 'zod';
import { isValidTimeZone } from './time/zone';

function JournalSettingsSchema() {
  return z.object({
    /** IANA zone for displayed times and day/weekday/hour buckets; null = the system's zone. */
    timeZone: z.string().max(64).refine(isValidTimeZone, 'is not a known time zone').nullable(),
    /** Risk per trade in quote when a position has no stop (for R-multiples); null = none. */
    defaultRisk: z.number().positive().max(1e12).nullable(),
  });
}

/**
 * User settings, validated on every write (bad settings are a typed INVALID_INPUT, never stored).
 * Every engine number the issues call "configurable" lives here with its default.
 */
export const SettingsSchema = z.object({
  schemaVersion: z.literal(1),
  ui: z.object({
    closeToTray: z.boolean(),
    launchAtLogin: z.boolean(),
    startHidden: z.boolean(),
    notifications: z.boolean(),
  }),
  sync: z.object({
    backgroundEnabled: z.boolean(),
    /** Overlap re-read on time-windowed streams, so late rows are not missed. */
    overlapMinutes: z.number().int().min(0).max(24 * 60),
    pageSize: z.number().int().min(10).max(1000),
    maxPagesPerSymbol: z.number().int().min(1).max(100_000),
    symbolsPerBatch: z.number().int().min(1).max(50),
    maxInFlightRequests: z.number().int().min(1).max(16),
    globalConcurrency: z.number().int().min(1).max(8),
    heartbeatSeconds: z.number().int().min(1).max(600),
    manualCooldownSeconds: z.number().int().min(0).max(3600),
    /** Every trade-history candidate is re-read at least once in this many hours (shared/sync/resync-select.ts). */
    verifyPeriodHours: z.number().int().min(1).max(24 * 30).default(24),
  }),
  retry: z.object({
    pageAttempts: z.number().int().min(1).max(20),
    pageBaseMs: z.number().int().min(10).max(60_000),
    pageCapMs: z.number().int().min(100).max(600_000),
    jobAttempts: z.number().int().min(1).max(20),
    jobBaseMs: z.number().int().min(1000).max(3_600_000),
    jobCapMs: z.number().int().min(1000).max(24 * 3_600_000),
  }),
  breaker: z.object({
    failureThreshold: z.number().int().min(1).max(100),
    openMs: z.number().int().min(1000).max(3_600_000),
    halfOpenTrials: z.number().int().min(1).max(20),
    /** First cool-down of an opened breaker; it doubles with each reopening up to `openMs`. */
    probeBaseMs: z.number().int().min(500).max(3_600_000).default(5_000),
  }),
  limiter: z.object({
    /**
     * Share of the exchange's IP weight budget this app may use per window (the rest is headroom for
     * the trader's own bots on the same IP). 0.8 by default: a first sync at full speed still
     * leaves a fifth of every bucket to them (docs/SYNC-STATUS.md, "Rate limits").
     */
    budgetFraction: z.number().min(0.1).max(1),
  }),
  /** The review: display only, never how times are stored. Defaulted, so settings stored before it still load. */
  journal: JournalSettingsSchema().default({ timeZone: null, defaultRisk: null }),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update: any subset of sections and fields. */
export const SettingsPatchSchema = z.object({
  ui: SettingsSchema.shape.ui.partial().optional(),
  sync: SettingsSchema.shape.sync.partial().optional(),
  retry: SettingsSchema.shape.retry.partial().optional(),
  breaker: SettingsSchema.shape.breaker.partial().optional(),
  limiter: SettingsSchema.shape.limiter.partial().optional(),
  journal: JournalSettingsSchema().partial().optional(),
}).strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: 1,
  ui: { closeToTray: true, launchAtLogin: false, startHidden: false, notifications: true },
  sync: {
    backgroundEnabled: true,
    overlapMinutes: 15,
    pageSize: 1000,
    maxPagesPerSymbol: 500,
    symbolsPerBatch: 4,
    maxInFlightRequests: 4,
    globalConcurrency: 2,
    heartbeatSeconds: 10,
    manualCooldownSeconds: 10,
    verifyPeriodHours: 24,
  },
  retry: { pageAttempts: 5, pageBaseMs: 1000, pageCapMs: 60_000, jobAttempts: 3, jobBaseMs: 30_000, jobCapMs: 900_000 },
  breaker: { failureThreshold: 5, openMs: 300_000, halfOpenTrials: 3, probeBaseMs: 5_000 },
  limiter: { budgetFraction: 0.8 },
  journal: { timeZone: null, defaultRisk: null },
};

/** Apply a validated patch; the result is validated again so cross-field rules hold. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return SettingsSchema.parse({
    ...current,
    ui: { ...current.ui, ...patch.ui },
    sync: { ...current.sync, ...patch.sync },
    retry: { ...current.retry, ...patch.retry },
    breaker: { ...current.breaker, ...patch.breaker },
    limiter: { ...current.limiter, ...patch.limiter },
    journal: { ...current.journal, ...patch.journal },
  });
}
