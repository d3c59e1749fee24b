import { useMemo, useState } from 'react';
import type { SettingsPatch } from '../../../shared/settings';
import { systemTimeZone } from '../../../shared/time/zone';
import type { Settings } from '../../../shared/settings';
import { Field } from '../common/Field';

/** Every IANA zone the runtime knows (Chromium has the full list), with UTC first. */
function zoneNames(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...supported.filter((z) => z !== 'UTC')];
}

/** Review settings: the zone days are bucketed and times shown in, and the default risk for R. */
export function JournalSection({ settings, save }: { settings: Settings; save: (patch: SettingsPatch) => Promise<boolean> }) {
  const zones = useMemo(zoneNames, []);
  const [risk, setRisk] = useState<string | null>(null);
  const current = settings.journal.timeZone;
  const commitRisk = (): void => {
    if (risk === null) return;
    const value = risk.trim() === '' ? null : Number(risk);
    void save({ journal: { defaultRisk: value } }).then((ok) => { if (ok) setRisk(null); });
  };
  return (
    <section className="card form">
      <h3>Journal</h3>
      <Field label="Time zone" hint="Times are shown and days, weekdays and hours counted in this zone. Stored times and exports stay UTC.">
        <select
          value={current ?? ''}
          onChange={(e) => void save({ journal: { timeZone: e.target.value === '' ? null : e.target.value } })}
          data-testid="setting-journal-timeZone"
        >
          <option value="">System ({systemTimeZone()})</option>
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </Field>
      <Field label="Default risk per trade (quote)" hint="Used for R-multiples when a position has no stop. Empty: only positions with a stop have an R.">
        <input
          inputMode="decimal"
          value={risk ?? (settings.journal.defaultRisk === null ? '' : String(settings.journal.defaultRisk))}
          onChange={(e) => setRisk(e.target.value)}
          onBlur={commitRisk}
          data-testid="setting-journal-defaultRisk"
        />
      </Field>
    </section>
  );
}
