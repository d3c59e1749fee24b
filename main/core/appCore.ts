import type { Now } from '../../shared/time/clock';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redact';
import type { CredentialStore } from '../secrets/credentialStore';
import { accountHandlers } from '../handlers/accounts';
import { closedPnlHandlers } from '../handlers/closedPnl';
import { appHandlers } from '../handlers/app';
import { settingsHandlers } from '../handlers/settings';
import { syncHandlers } from '../handlers/sync';
import { dataHandlers } from '../handlers/data';
import { marketHandlers, type MarketDataPort } from '../handlers/market';
import type { CoreContext } from './context';
import type { RendererLink } from './link';
import type { ClosedPnlReader, ConnectionTester, DemoExchangePort, SyncEnginePort } from './ports';
import { createRemoteStore } from './remoteStore';
import { createRouter } from './router';
import type { Handlers } from './router';
import { SettingsService } from './settingsService';
import { preloadHttpClient } from '../exchange/ccxt-instance';

/** The engine as the core drives it: the handler port plus its lifecycle. */
export interface ManagedEngine extends SyncEnginePort {
  start(): Promise<void>;
  /** Graceful: no new pages, the in-flight batch commits or rolls back, then resolves. */
  stop(): Promise<void>;
  /** The machine woke up: run overdue schedules. */
  notifyWake(): void;
  /** No sync runs offline; overdue ones run when the network is back. */
  setOnline(online: boolean): void;
}

export interface CoreServices {
  engine: ManagedEngine;
  tester: ConnectionTester;
  demo: DemoExchangePort & { close(): Promise<void> };
  /** Public klines for charts, through a small share of the engine's limiter. */
  market: MarketDataPort;
  /** Absent in cores that never talk to Bybit (tests): the request then fails with INTERNAL. */
  closedPnl?: ClosedPnlReader;
}

export interface AppCoreOptions {
  host: 'electron' | 'browser';
  version: string;
  platform: string;
  link: RendererLink;
  credentials: CredentialStore;
  logger: Logger;
  redactor: Redactor;
  clock?: Now;
  /** Builds the engine and exchange services from the context (main/core/services.ts in the app). */
  services: (ctx: CoreContext) => CoreServices;
}

export interface AppCore {
  ctx: CoreContext;
  services: CoreServices;
  start(): Promise<void>;
  /** Stops the engine gracefully, then the demo exchange. The link is closed by its owner. */
  stop(): Promise<void>;
}

/**
 * Composition root of the main process, identical under Electron and in browser mode: only the
 * RendererLink and the host name differ.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const logger = options.logger;
  const store = createRemoteStore(options.link);
  const ctx: CoreContext = {
    host: options.host,
    version: options.version,
    platform: options.platform,
    link: options.link,
    store,
    credentials: options.credentials,
    settings: new SettingsService(store, logger.child('settings')),
    logger,
    redactor: options.redactor,
    clock: options.clock ?? Date.now,
  };
  const services = options.services(ctx);
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...accountHandlers(ctx, services),
    ...syncHandlers(services.engine),
    ...dataHandlers(ctx, services.engine),
    ...marketHandlers(ctx, services.market),
    ...closedPnlHandlers(ctx, services.closedPnl),
  };
  options.link.onRequest(createRouter(handlers, logger.child('ipc')));

  let phase: 'idle' | 'starting' | 'running' | 'stopped' = 'idle';
  let cancelWait: (() => void) | null = null;

  /** Resolves when a renderer serves the journal database (false if the core stops first). */
  const storeReady = (): Promise<boolean> => {
    if (options.link.storeAvailable()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const unsubscribe = options.link.onStoreAvailable(() => {
        cancelWait = null;
        unsubscribe();
        resolve(true);
      });
      cancelWait = () => {
        unsubscribe();
        resolve(false);
      };
    });
  };

  return {
    ctx,
    services,
    /**
     * The engine persists through the renderer's store, so it starts once a window serves it
     * (jobs left RUNNING by a crash then resume by themselves). Requests are answered before that.
     */
    async start() {
      if (phase !== 'idle') return;
      phase = 'starting';
      // Off the first sync's path: ccxt would import its HTTP client on the first request.
      preloadHttpClient().catch((error: unknown) => logger.warn('HTTP client not preloaded', { error }));
      if (!(await storeReady())) return;
      await ctx.settings.load().catch((error: unknown) => logger.warn('settings not loaded; using defaults', { error }));
      if (phase !== 'starting') return;
      await services.engine.start();
      phase = 'running';
      logger.info('sync engine started');
    },
    async stop() {
      const was = phase;
      phase = 'stopped';
      cancelWait?.();
      if (was === 'running' || was === 'starting') await services.engine.stop();
      await services.demo.close();
    },
  };
}
