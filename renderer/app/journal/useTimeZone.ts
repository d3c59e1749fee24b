import { effectiveTimeZone } from '../../../shared/time/zone';
import { useAppStore } from '../../state/appStore';

/** The zone the journal shows and buckets days in: the setting, else the system's. */
export function useTimeZone(): string {
  const setting = useAppStore((s) => s.settings?.journal.timeZone ?? null);
  return effectiveTimeZone(setting);
}
