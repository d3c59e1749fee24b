import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, applySettingsPatch } from './settings';

describe('journal settings', () => {
  it('settings stored before the journal section existed still load, with the defaults', () => {
    const { journal: _dropped, ...old } = DEFAULT_SETTINGS;
    const parsed = SettingsSchema.parse(old);
    expect(parsed.journal).toEqual({ timeZone: null, defaultRisk: null });
  });

  it('takes a known IANA zone and a positive default risk; refuses an unknown zone', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, SettingsPatchSchema.parse({ journal: { timeZone: 'Asia/Shanghai', defaultRisk: 50 } }));
    expect(next.journal).toEqual({ timeZone: 'Asia/Shanghai', defaultRisk: 50 });
    expect(SettingsPatchSchema.safeParse({ journal: { timeZone: 'Mars/Base' } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ journal: { defaultRisk: -1 } }).success).toBe(false);
    expect(applySettingsPatch(next, { journal: { timeZone: null } }).journal.timeZone).toBeNull();
  });
});
