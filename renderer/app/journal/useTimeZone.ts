import { effectiveTimeZone } from '../../../shared/time/zone';
import { useAppStore } from '../../state/appStore';

/**
 * The last setting resolved and its zone. Resolving builds Intl formatters (two or three per call,
 * a few ms on a busy UI thread); every journal component asks on every render, and a view mounting
 * asks a dozen times. The system's zone is read once per setting change (a reload reads it again).
 */
let resolved: { setting: string | null; zone: string } | null = null;

/** The zone the journal shows and buckets days in: the setting, else the system's. */
export function useTimeZone(): string {
  const setting = useAppStore((s) => s.settings?.journal.timeZone ?? null);
  if (resolved === null || resolved.setting !== setting) resolved = { setting, zone: effectiveTimeZone(setting) };
  return resolved.zone;
}
