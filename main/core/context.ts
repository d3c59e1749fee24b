import type { StorePort } from '../../shared/store/port';
import type { Now } from '../../shared/time/clock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redact';
import type { CredentialStore } from '../secrets/credentialStore';
import type { RendererLink } from './link';
import type { SettingsService } from './settingsService';

/** What every domain handler may use. Built once by the composition root (appCore.ts). */
export interface CoreContext {
  host: 'electron' | 'browser';
  version: string;
  platform: string;
  link: RendererLink;
  store: StorePort;
  credentials: CredentialStore;
  settings: SettingsService;
  logger: Logger;
  redactor: Redactor;
  clock: Now;
}

/**
 * What one handler takes of the context: the fields `K` it uses and the store narrowed to the
 * roles `S` it calls (shared/store/port.ts), so a handler's reach is visible in its signature.
 */
export type HandlerContext<S, K extends keyof CoreContext = never> = Pick<CoreContext, K> & { store: S };
