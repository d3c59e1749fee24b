import { baseUrlOrigin } from '../../shared/exchanges';
import { AppError } from '../../shared/errors';

export { shouldWarnBaseUrl, isLoopbackUrl } from '../../shared/exchanges';

/**
 * Points every API entry of a ccxt instance at one origin, keeping each entry's path
 * (Binance has ~22 entries: /api/v3, /fapi/v1, /sapi/v1, ...; Bybit 5, all bare hosts).
 */
export function rewriteApiUrls(api: unknown, baseUrl: string): Record<string, unknown> {
  const origin = baseUrlOrigin(baseUrl);
  if (origin === null) throw new AppError('INVALID_INPUT', 'The API base URL must be an http(s) URL.');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/^https?:\/\/[^/]+/, origin);
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = rewrite(v);
      return out;
    }
    return value;
  };
  const result = rewrite(api);
  if (typeof result !== 'object' || result === null) throw new AppError('INTERNAL', 'Unexpected exchange URL table.');
  return result as Record<string, unknown>;
}
