import type { DemoExchange } from '../../simulator/demo';
import type { Logger } from '../log/logger';
import type { DemoExchangePort } from './ports';

/**
 * The built-in demo exchange, started on first use (creating a demo account, or syncing one after
 * a restart) and kept for the life of the process. A failed start is not cached: the next call
 * tries again.
 */
export class DemoService implements DemoExchangePort {
  private starting: Promise<DemoExchange> | null = null;

  constructor(private readonly start: () => Promise<DemoExchange>, private readonly logger: Logger) {}

  async ensureStarted(): Promise<{ baseUrl: string; credentials: DemoExchange['credentials'] }> {
    if (this.starting === null) {
      this.starting = this.start().catch((error: unknown) => {
        this.starting = null;
        throw error;
      });
    }
    const demo = await this.starting;
    this.logger.debug('demo exchange ready', { baseUrl: demo.baseUrl });
    return { baseUrl: demo.baseUrl, credentials: demo.credentials };
  }

  async close(): Promise<void> {
    const running = this.starting;
    this.starting = null;
    if (running !== null) await (await running.catch(() => null))?.close();
  }
}
