import { DEFAULT_SETTINGS, SettingsSchema, applySettingsPatch } from '../../shared/settings';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { SettingsPort } from '../../shared/store/port';
import type { Logger } from '../log/logger';

/**
 * Settings live in the journal database (so an export carries them); main keeps the last known
 * copy so the engine can read them synchronously on every page.
 */
export class SettingsService {
  private current: Settings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(private readonly store: SettingsPort, private readonly logger: Logger) {}

  get(): Settings {
    return this.current;
  }

  /** Loads from the store; a stored value that no longer validates falls back to defaults (logged). */
  async load(): Promise<Settings> {
    const stored = await this.store.getSettings();
    if (stored !== null) {
      const parsed = SettingsSchema.safeParse(stored);
      if (parsed.success) this.current = parsed.data;
      else this.logger.warn('stored settings are invalid; using defaults', { issues: parsed.error.issues.slice(0, 5) });
    }
    return this.current;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = applySettingsPatch(this.current, patch);
    await this.store.putSettings(next);
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
