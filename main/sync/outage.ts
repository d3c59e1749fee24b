import type { ExchangeId } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import { errorAction } from '../../shared/sync/classify';
import type { ExchangeAdapter } from '../exchange/adapter';
import type { Logger } from './logger';

const EXCHANGE_NAME: Record<ExchangeId, string> = { binance: 'Binance', bybit: 'Bybit', demo: 'The demo exchange' };

function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/**
 * An attempt that failed on the exchange's side (server errors, timeouts, an open breaker) asks
 * the exchange's own system status once. During maintenance the failure is named as such, with
 * the announced end when there is one, and the retry waits at least until then. Otherwise, or
 * when the status cannot be read either, the failure stays what it was.
 */
export async function explainOutage(error: AppError, exchange: ExchangeId, adapter: Pick<ExchangeAdapter, 'systemStatus'> | null, now: () => number, logger: Logger): Promise<AppError> {
  const action = errorAction(error.code);
  if (action !== 'transient' && action !== 'circuit_open') return error;
  if (adapter?.systemStatus === undefined) return error;
  let status;
  try {
    status = await adapter.systemStatus();
  } catch (raw) {
    logger.info('system status not available', { code: raw instanceof AppError ? raw.code : 'unknown' });
    return error;
  }
  if (!status.maintenance) return error;
  const at = now();
  const endsAt = status.endsAt !== null && status.endsAt > at ? status.endsAt : null;
  const message = `${EXCHANGE_NAME[exchange]} is under maintenance${endsAt === null ? '' : ` until about ${utcTime(endsAt)}`} (its system status says so).`;
  const retryAfterMs = Math.max(error.retryAfterMs ?? 0, endsAt === null ? 0 : endsAt - at);
  return new AppError('EXCHANGE_MAINTENANCE', message, retryAfterMs > 0 ? { retryAfterMs, cause: error } : { cause: error });
}
