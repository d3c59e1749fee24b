import { useState } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { unwrap } from '../../bridge/api';
import { useAppStore } from '../../state/appStore';
import { Field } from '../common/Field';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';
import { DataSection } from './DataSection';
import { JournalSection } from './JournalSection';

type NumberField = { section: 'sync' | 'retry' | 'breaker' | 'limiter'; key: string; label: string; hint?: string; scale?: number; unit?: string; percent?: boolean };

const NUMBER_FIELDS: NumberField[] = [
  { section: 'sync', key: 'overlapMinutes', label: 'Overlap', unit: 'min', hint: 'Time-windowed history is re-read this far back, so late rows are not missed.' },
  { section: 'sync', key: 'pageSize', label: 'Page size', unit: 'rows' },
  { section: 'sync', key: 'maxPagesPerSymbol', label: 'Max pages per symbol per run', hint: 'A run that reaches it saves its work and continues in a new run.' },
  { section: 'sync', key: 'manualCooldownSeconds', label: 'Cooldown between manual syncs', unit: 's' },
  { section: 'sync', key: 'verifyPeriodHours', label: 'Re-verify every symbol at least every', unit: 'h', hint: 'Re-syncs ask only symbols whose balances or transfers moved, plus a rotating share of the rest so each is re-read within this period.' },
  { section: 'limiter', key: 'budgetFraction', label: "Share of the exchange's rate limit this app may use", unit: '%', percent: true, hint: 'The limit is per IP address: the rest is left for your bots and other apps on this machine.' },
  { section: 'retry', key: 'jobAttempts', label: 'Retry attempts' },
  { section: 'retry', key: 'jobBaseMs', label: 'First retry after', unit: 's', scale: 1000 },
  { section: 'retry', key: 'jobCapMs', label: 'Longest retry delay', unit: 's', scale: 1000 },
  { section: 'breaker', key: 'failureThreshold', label: 'Failures before pausing an endpoint' },
];

/** Settings are validated by main (zod); an out-of-range value comes back as a field message. */
export function SettingsView() {
  const { api } = useBooted();
  const settings = useAppStore((s) => s.settings);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const save = useAction(async (patch: SettingsPatch) => useAppStore.getState().setSettings(await unwrap(api.settings.update(patch))), 'Could not save the settings.');
  if (settings === null) return <p className="muted">Loading settings…</p>;

  const toggle = (key: keyof Settings['ui']) => (
    <label className="check">
      <input type="checkbox" checked={settings.ui[key]} onChange={(e) => void save.run({ ui: { [key]: e.target.checked } })} data-testid={`ui-${key}`} />
    </label>
  );
  const numberValue = (f: NumberField): string => {
    const id = `${f.section}.${f.key}`;
    if (draft[id] !== undefined) return draft[id];
    const raw = (settings[f.section] as Record<string, number>)[f.key] ?? 0;
    return f.percent === true ? String(Math.round(raw * 100)) : String(raw / (f.scale ?? 1));
  };
  const commit = (f: NumberField): void => {
    const id = `${f.section}.${f.key}`;
    const text = draft[id];
    if (text === undefined) return;
    const value = f.percent === true ? Number(text) / 100 : Math.round(Number(text) * (f.scale ?? 1));
    void save.run({ [f.section]: { [f.key]: value } } as SettingsPatch).then((ok) => {
      if (ok) setDraft(({ [id]: _removed, ...rest }) => rest);
    });
  };

  return (
    <div className="stack" data-testid="settings">
      <section className="card form">
        <h3>Window and background</h3>
        <Field label="Close to tray">{toggle('closeToTray')}</Field>
        <Field label="Launch at login">{toggle('launchAtLogin')}</Field>
        <Field label="Start hidden in the tray">{toggle('startHidden')}</Field>
        <Field label="Notify when a sync fails or keys are needed">{toggle('notifications')}</Field>
        <Field label="Background sync">
          <label className="check">
            <input type="checkbox" checked={settings.sync.backgroundEnabled} onChange={(e) => void save.run({ sync: { backgroundEnabled: e.target.checked } })} data-testid="sync-backgroundEnabled" />
          </label>
        </Field>
      </section>
      <section className="card form">
        <h3>Sync tuning</h3>
        {NUMBER_FIELDS.map((f) => (
          <Field key={`${f.section}.${f.key}`} label={`${f.label}${f.unit ? ` (${f.unit})` : ''}`} hint={f.hint}>
            <input
              inputMode="numeric"
              value={numberValue(f)}
              onChange={(e) => setDraft((d) => ({ ...d, [`${f.section}.${f.key}`]: e.target.value }))}
              onBlur={() => commit(f)}
              data-testid={`setting-${f.section}-${f.key}`}
            />
          </Field>
        ))}
      </section>
      <JournalSection settings={settings} save={save.run} />
      {save.error !== null && <p className="error" role="alert" data-testid="settings-error">{save.error}</p>}
      <DataSection />
    </div>
  );
}
