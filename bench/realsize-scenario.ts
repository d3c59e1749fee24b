/**
 * The real-size Binance account that bench/realsize.ts (the engine) and bench/plain-ccxt.ts
 * `--realsize` (a plain ccxt loop) sync side by side: simulator/scenarios.ts `binanceTodayHistory`
 * (~2,475 listed spot symbols of which ~275 delisted, ~275 USD-M perpetuals, ~50 traded, 10,000
 * fills). Time is compressed by `--speed` (default 20): every weight window of the exchange lasts
 * 60 s / speed with the limits it announces, and the plain loop's ccxt throttle runs `speed` times
 * faster too, so both face the same budget per window; request latency is not compressed.
 * Flags: [--spot=2200] [--linear=275] [--trades=10000] [--latency=20] [--speed=20]
 *        [--announce-api=6000] [--announce-fapi=2400] (exchangeInfo `rateLimits`, e.g. 1200: lower than the default)
 */
import { BINANCE_BUCKETS } from '../shared/exchanges';
import type { HistoryOptions, SimulatorOptions } from '../simulator';
import { binanceTodayHistory } from '../simulator/scenarios';
import { argNumber, MINUTE_MS, type ExchangeLimits } from './lib';

export interface RealsizeScenario {
  history: HistoryOptions;
  sim: SimulatorOptions & { history: HistoryOptions };
  limits: ExchangeLimits;
  latencyMs: number;
  speed: number;
  shape: Record<string, number>;
}

export function realsizeFromArgs(now: number): RealsizeScenario {
  const listedSpot = argNumber('spot', 2_200);
  const speed = Math.max(1, argNumber('speed', 20));
  const latencyMs = argNumber('latency', 20);
  const history = binanceTodayHistory({
    end: now - MINUTE_MS, listedSpot, listedLinear: argNumber('linear', Math.round(listedSpot / 8)), trades: argNumber('trades', 10_000),
  });
  const windowMs = Math.round(MINUTE_MS / speed);
  const limits = {
    api: argNumber('announce-api', BINANCE_BUCKETS.api.limit),
    fapi: argNumber('announce-fapi', BINANCE_BUCKETS.fapi.limit),
    sapi: BINANCE_BUCKETS.sapi.limit,
    sapiUid: BINANCE_BUCKETS.sapiUid.limit,
  };
  return {
    history,
    sim: { history, latencyMs, binanceLimits: { windowMs, limits } },
    limits: { windowMs, limits },
    latencyMs,
    speed,
    shape: {
      listedSpot: history.listedSpot + (history.delistedSpot?.listed ?? 0), delistedSpot: history.delistedSpot?.listed ?? 0, listedLinear: history.listedLinear,
      trades: history.trades, latencyMs, speed, windowMs, announcedApi: limits.api, announcedFapi: limits.fapi,
    },
  };
}
