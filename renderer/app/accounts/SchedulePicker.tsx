import { SCHEDULE_FLOOR_MINUTES } from '../../../shared/sync/plan';
import type { Account } from '../../../shared/domain/types';
import { unwrap } from '../../bridge/api';
import { useAction } from '../common/useAction';
import { useBooted } from '../context';

/** Background sync presets; intervals under the exchange's floor are not offered. */
export const SCHEDULE_PRESETS: { minutes: number | null; label: string }[] = [
  { minutes: null, label: 'Manual only' },
  { minutes: 5, label: 'Every 5 minutes' },
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 240, label: 'Every 4 hours' },
  { minutes: 1440, label: 'Once a day' },
];

export function presetsFor(exchange: Account['exchange']): typeof SCHEDULE_PRESETS {
  const floor = SCHEDULE_FLOOR_MINUTES[exchange];
  return SCHEDULE_PRESETS.filter((p) => p.minutes === null || p.minutes >= floor);
}

export function SchedulePicker({ account }: { account: Account }) {
  const { api } = useBooted();
  const save = useAction(async (minutes: number | null) => {
    await unwrap(api.accounts.update({ accountId: account.id, patch: { scheduleMinutes: minutes } }));
  }, 'Could not change the schedule.');
  const presets = presetsFor(account.exchange);
  const current = account.scheduleMinutes;
  const known = presets.some((p) => p.minutes === current);
  return (
    <label className="check small">
      Background sync
      <select
        value={current === null ? 'manual' : String(current)}
        onChange={(e) => void save.run(e.target.value === 'manual' ? null : Number(e.target.value))}
        disabled={save.busy}
        data-testid="schedule"
      >
        {!known && current !== null && <option value={String(current)}>Every {current} minutes</option>}
        {presets.map((p) => <option key={p.label} value={p.minutes === null ? 'manual' : String(p.minutes)}>{p.label}</option>)}
      </select>
      {save.error !== null && <span className="error">{save.error}</span>}
    </label>
  );
}
