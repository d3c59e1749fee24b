import {
  BINANCE_BUCKETS, BINANCE_ERRORS, BINANCE_HEADERS, BINANCE_PAGING, BINANCE_SIGNING, binanceBucketOfPath, binanceEndpoint,
} from '../shared/exchanges';
import type { MarketType } from '../shared/domain/types';
import { binanceSignatureValid, timestampAccepted } from './signing';
import { headerString, intParam, json, type SimRequest, type SimResponse } from './http-types';
import type { BinanceLimitConfig, BinanceLimiter } from './rate-limit';
import type { SimState } from './state';
import {
  depositRow, futuresSymbol, futuresTrade, incomeRow, spotBalance, spotSymbol, spotTrade, withdrawalRow,
} from './binance-wire';
import { inRange, timeRange } from './windows';
import { fmtAmount } from './wallets';
import { assetDividend, convertTradeFlow, dribblet, universalTransfers } from './binance-wallet';
import type { SimKey, SimTrade } from './types';
import { BINANCE_KLINE_PATHS, binanceFuturesKlineWeight } from '../shared/exchanges/klines';
import { binanceKlines } from './kline-wire';
import { binanceFuturesAggTrades } from './binance-agg-trades';
import { firstIndexAtLeast } from '../shared/sorted';

/**
 * Binance (spot /api, USD-M /fapi, wallet /sapi). Order of checks as Binance does it: weight is
 * charged first (errors cost weight too), then key, timestamp, signature, then parameters.
 */

type Handler = (req: SimRequest, state: SimState, key: SimKey | null, limits: BinanceLimitConfig) => SimResponse;

const err = (status: number, code: number, msg: string): SimResponse => json(status, { code, msg }, {}, 0, code);

const missing = (name: string): SimResponse =>
  err(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

/**
 * exchangeInfo `rateLimits` (Spot API "Exchange information", Futures "Exchange Information"): the
 * REQUEST_WEIGHT the server enforces, so a client can read its budget instead of learning it from
 * 429s. A window that is not a whole minute (fast tests) is given in seconds.
 */
function weightLimit(limits: BinanceLimitConfig, bucket: 'api' | 'fapi'): Record<string, unknown> {
  const limit = limits.limits[bucket] ?? BINANCE_BUCKETS[bucket].limit;
  const minute = limits.windowMs % 60_000 === 0;
  return { rateLimitType: 'REQUEST_WEIGHT', interval: minute ? 'MINUTE' : 'SECOND', intervalNum: minute ? limits.windowMs / 60_000 : Math.max(1, Math.round(limits.windowMs / 1000)), limit };
}

function rateLimits(limits: BinanceLimitConfig): Record<string, unknown>[] {
  return [
    weightLimit(limits, 'api'),
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
  ];
}

function marketsOf(state: SimState, type: MarketType) {
  return state.history.markets.filter((m) => m.marketType === type);
}

/**
 * Spot API "Exchange information" (GET /api/v3/exchangeInfo): every symbol, delisted ones
 * included with status BREAK, unless `symbolStatus` (TRADING | HALT | BREAK) filters them; that
 * filter cannot be combined with `symbol`/`symbols` (answered -1102 like a malformed parameter).
 */
function spotExchangeInfo(req: SimRequest, state: SimState, limits: BinanceLimitConfig): SimResponse {
  const wanted = req.query.get('symbolStatus');
  if (wanted !== null && (req.query.has('symbol') || req.query.has('symbols'))) {
    return err(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, 'Parameter symbolStatus cannot be used in combination with symbol or symbols.');
  }
  // The symbol list is cached (a real-size listing is megabytes of JSON): see exchange-info-cache.ts.
  const symbols = state.spotSymbolLists.json(marketsOf(state, 'spot'), req.now, wanted, spotSymbol);
  const head = JSON.stringify({ timezone: 'UTC', serverTime: req.now, rateLimits: rateLimits(limits), exchangeFilters: [] });
  return { ...json(200, {}), body: `${head.slice(0, -1)},"symbols":${symbols}}` };
}

/** myTrades / userTrades: fromId (not with times), or a time window, or the most recent. */
function trades(req: SimRequest, state: SimState, type: MarketType): SimResponse {
  const paging = type === 'spot' ? BINANCE_PAGING.myTrades : BINANCE_PAGING.userTrades;
  const symbol = req.query.get('symbol');
  if (symbol === null || symbol === '') return missing('symbol');
  if (!marketsOf(state, type).some((m) => m.id === symbol)) return err(400, BINANCE_ERRORS.BAD_SYMBOL, 'Invalid symbol.');
  const limit = intParam(req.query, 'limit') ?? paging.defaultLimit;
  const fromId = intParam(req.query, 'fromId');
  const start = intParam(req.query, 'startTime');
  const end = intParam(req.query, 'endTime');
  if ([limit, fromId, start, end].some((v) => v !== undefined && Number.isNaN(v))) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'Invalid data sent for a parameter.');
  if (limit < 1 || limit > paging.maxLimit) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, `Invalid limit: must be 1..${paging.maxLimit}.`);
  if (fromId !== undefined && (start !== undefined || end !== undefined)) return err(400, BINANCE_ERRORS.BAD_COMBINATION, 'Combination of optional parameters invalid.');
  // USD-M serves only the last 6 months.
  const oldest = type === 'linear' ? req.now - BINANCE_PAGING.userTrades.historyMs : Number.NEGATIVE_INFINITY;
  const all = state.tradesOf(type, symbol);
  let picked: SimTrade[];
  if (fromId !== undefined) {
    picked = all.slice(firstIndexAtLeast(all, fromId, (t) => t.id)).filter((t) => t.time >= oldest).slice(0, limit);
  } else if (start === undefined && end === undefined && type === 'spot') {
    picked = all.slice(-limit);
  } else if (start === undefined && end === undefined) {
    picked = all.filter((t) => t.time >= req.now - paging.maxWindowMs).slice(-limit);
  } else {
    const range = timeRange(start, end, paging.maxWindowMs, req.now);
    if (range === 'tooBig') {
      const span = type === 'spot' ? 'More than 24 hours between startTime and endTime.' : 'More than 7 days between startTime and endTime.';
      return err(400, BINANCE_ERRORS.WINDOW_TOO_BIG, span);
    }
    if (range === 'reversed') return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'startTime must be less than endTime.');
    picked = all.filter((t) => t.time >= oldest && inRange(t.time, range)).slice(0, limit);
  }
  return json(200, picked.map(type === 'spot' ? spotTrade : futuresTrade));
}

function income(req: SimRequest, state: SimState): SimResponse {
  const p = BINANCE_PAGING.income;
  const limit = intParam(req.query, 'limit') ?? p.defaultLimit;
  const start = intParam(req.query, 'startTime');
  const end = intParam(req.query, 'endTime');
  const page = intParam(req.query, 'page') ?? 1;
  if ([limit, start, end, page].some((v) => v !== undefined && Number.isNaN(v))) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'Invalid data sent for a parameter.');
  if (limit < 1 || limit > p.maxLimit) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, `Invalid limit: must be 1..${p.maxLimit}.`);
  const range = timeRange(start, end, p.maxWindowMs, req.now);
  if (range === 'tooBig') return err(400, BINANCE_ERRORS.WINDOW_TOO_BIG, 'More than 7 days between startTime and endTime.');
  if (range === 'reversed') return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'startTime must be less than endTime.');
  const symbol = req.query.get('symbol');
  const type = req.query.get('incomeType');
  const oldest = req.now - p.historyMs;
  const rows = state.incomeBetween(Math.max(oldest, range.from), range.to)
    .filter((i) => (symbol === null || i.symbol === symbol) && (type === null || i.incomeType === type));
  return json(200, rows.slice((page - 1) * limit, page * limit).map(incomeRow));
}

function movements(req: SimRequest, state: SimState, type: 'deposit' | 'withdrawal'): SimResponse {
  const p = BINANCE_PAGING.capital;
  const limit = intParam(req.query, 'limit') ?? p.defaultLimit;
  const offset = intParam(req.query, 'offset') ?? 0;
  const start = intParam(req.query, 'startTime');
  const end = intParam(req.query, 'endTime');
  if ([limit, offset, start, end].some((v) => v !== undefined && Number.isNaN(v))) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'Invalid data sent for a parameter.');
  if (limit < 1 || limit > p.maxLimit) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, `Invalid limit: must be 1..${p.maxLimit}.`);
  const range = timeRange(start, end, p.maxWindowMs, req.now);
  if (range === 'tooBig') return err(400, BINANCE_ERRORS.WINDOW_TOO_BIG, 'The time interval between startTime and endTime cannot exceed 90 days.');
  if (range === 'reversed') return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'startTime must be less than endTime.');
  const coin = req.query.get('coin');
  // Binance lists wallet history newest first.
  const rows = state.history.movements
    .filter((m) => m.type === type && inRange(m.time, range) && (coin === null || m.coin === coin))
    .sort((a, b) => b.time - a.time || b.seq - a.seq)
    .slice(offset, offset + limit);
  return json(200, rows.map(type === 'deposit' ? depositRow : withdrawalRow));
}

/** USD-M wallet balance = the sum of every income row (wallets.ts). */
function futuresWallet(state: SimState): string {
  return fmtAmount(state.wallets().binanceLinear.get('USDT') ?? 0);
}

function futuresAccount(state: SimState, now: number): Record<string, unknown> {
  const wallet = futuresWallet(state);
  return {
    totalInitialMargin: '0', totalMaintMargin: '0', totalWalletBalance: wallet, totalUnrealizedProfit: '0', totalMarginBalance: wallet,
    totalPositionInitialMargin: '0', totalOpenOrderInitialMargin: '0', totalCrossWalletBalance: wallet, totalCrossUnPnl: '0',
    availableBalance: wallet, maxWithdrawAmount: wallet,
    assets: [{
      asset: 'USDT', walletBalance: wallet, unrealizedProfit: '0', marginBalance: wallet, maintMargin: '0', initialMargin: '0',
      positionInitialMargin: '0', openOrderInitialMargin: '0', crossWalletBalance: wallet, crossUnPnl: '0', availableBalance: wallet,
      maxWithdrawAmount: wallet, updateTime: now,
    }],
    positions: [...state.history.tapes.values()]
      .filter((tape) => tape.market.marketType === 'linear' && tape.openPosition().qty !== 0)
      .map((tape) => {
        const p = tape.openPosition();
        const pnl = (p.mark - p.entry) * p.qty;
        return {
          symbol: tape.market.id, initialMargin: '0', maintMargin: '0', unrealizedProfit: pnl.toFixed(8), positionInitialMargin: '0',
          openOrderInitialMargin: '0', leverage: '10', isolated: false, entryPrice: p.entry.toFixed(tape.market.pricePrecision),
          breakEvenPrice: p.entry.toFixed(tape.market.pricePrecision), maxNotional: '1000000', positionSide: 'BOTH',
          positionAmt: p.qty.toFixed(tape.market.qtyPrecision), notional: (p.qty * p.mark).toFixed(8), isolatedWallet: '0', updateTime: now, bidNotional: '0', askNotional: '0',
        };
      }),
  };
}

function futuresBalance(state: SimState, now: number): Record<string, unknown>[] {
  const w = futuresWallet(state);
  return [{ accountAlias: 'SgsR', asset: 'USDT', balance: w, crossWalletBalance: w, crossUnPnl: '0', availableBalance: w, maxWithdrawAmount: w, marginAvailable: true, updateTime: now }];
}

const HANDLERS: Record<string, Handler> = {
  '/api/v3/ping': () => json(200, {}),
  '/fapi/v1/ping': () => json(200, {}),
  '/api/v3/time': (req) => json(200, { serverTime: req.now }),
  '/fapi/v1/time': (req) => json(200, { serverTime: req.now }),
  '/api/v3/exchangeInfo': (req, state, _key, limits) => spotExchangeInfo(req, state, limits),
  '/fapi/v1/exchangeInfo': (req, state, _key, limits) => json(200, {
    timezone: 'UTC', serverTime: req.now, futuresType: 'U_MARGINED', exchangeFilters: [],
    rateLimits: [weightLimit(limits, 'fapi')],
    assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
    symbols: marketsOf(state, 'linear').map(futuresSymbol),
  }),
  '/api/v3/account': (req, state, key) => json(200, {
    makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0,
    commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
    canTrade: key?.canTrade ?? false, canWithdraw: key?.canWithdraw ?? false, canDeposit: true, brokered: false,
    requireSelfTradePrevention: false, preventSor: false, updateTime: req.now, accountType: 'SPOT',
    // Balances follow "Account information" (free + locked per asset); see wallets.ts for how they are computed.
    balances: [...state.wallets().binanceSpot].filter(([, v]) => Math.abs(v) > 1e-9).sort(([a], [b]) => a.localeCompare(b))
      .map(([asset, v]) => spotBalance({ asset, free: fmtAmount(v), locked: '0.00000000' })), permissions: ['SPOT'], uid: 354937868,
  }),
  '/api/v3/myTrades': (req, state) => trades(req, state, 'spot'),
  '/api/v3/klines': (req, state) => binanceKlines(req, state, 'spot'),
  '/fapi/v1/klines': (req, state) => binanceKlines(req, state, 'linear'),
  '/fapi/v1/userTrades': (req, state) => trades(req, state, 'linear'),
  '/fapi/v1/aggTrades': (req, state) => binanceFuturesAggTrades(req, state),
  '/fapi/v1/income': (req, state) => income(req, state),
  '/fapi/v2/account': (req, state) => json(200, futuresAccount(state, req.now)),
  '/fapi/v3/account': (req, state) => json(200, futuresAccount(state, req.now)),
  '/fapi/v2/balance': (req, state) => json(200, futuresBalance(state, req.now)),
  '/fapi/v3/balance': (req, state) => json(200, futuresBalance(state, req.now)),
  '/sapi/v1/capital/deposit/hisrec': (req, state) => movements(req, state, 'deposit'),
  '/sapi/v1/convert/tradeFlow': convertTradeFlow,
  '/sapi/v1/asset/dribblet': dribblet,
  '/sapi/v1/asset/assetDividend': assetDividend,
  '/sapi/v1/asset/transfer': universalTransfers,
  '/sapi/v1/capital/withdraw/history': (req, state) => movements(req, state, 'withdrawal'),
  // Wallet API, "System Status (System)": GET /sapi/v1/system/status -> {"status": 0, "msg": "normal"}
  // or {"status": 1, "msg": "system maintenance"}. No end time is given.
  '/sapi/v1/system/status': (_req, state) => json(200, state.maintenance === null ? { status: 0, msg: 'normal' } : { status: 1, msg: 'system maintenance' }),
  '/sapi/v1/account/apiRestrictions': (req, _state, key) => json(200, {
    ipRestrict: key?.ipRestricted ?? false, createTime: req.now - 86_400_000, enableReading: true,
    enableSpotAndMarginTrading: key?.canTrade ?? false, enableWithdrawals: key?.canWithdraw ?? false,
    enableInternalTransfer: false, enableMargin: false, enableFutures: key?.canTrade ?? false, permitsUniversalTransfer: false,
    enableVanillaOptions: false, enableFixApiTrade: false, enableFixReadOnly: false, enablePortfolioMarginTrading: false,
  }),
};

/** Key, timestamp and signature, in Binance's order. Returns the key or the error response. */
function authenticate(req: SimRequest, state: SimState): SimKey | SimResponse {
  const apiKey = headerString(req.headers, BINANCE_SIGNING.apiKeyHeader);
  if (apiKey === undefined || apiKey === '' || !/^[A-Za-z0-9]+$/.test(apiKey)) return err(401, BINANCE_ERRORS.BAD_API_KEY_FMT, 'API-key format invalid.');
  const key = state.key(apiKey);
  if (key === undefined || key.revoked) return err(401, BINANCE_ERRORS.REJECTED_MBX_KEY, 'Invalid API-key, IP, or permissions for action.');
  state.noteSignedRequest(key);
  const timestamp = intParam(req.query, 'timestamp');
  if (timestamp === undefined || Number.isNaN(timestamp)) return missing('timestamp');
  const recvWindow = intParam(req.query, 'recvWindow') ?? BINANCE_SIGNING.defaultRecvWindowMs;
  if (Number.isNaN(recvWindow) || recvWindow > BINANCE_SIGNING.maxRecvWindowMs) return err(400, BINANCE_ERRORS.INVALID_PARAMETER, 'Invalid recvWindow.');
  if (!timestampAccepted(timestamp, recvWindow, req.now, BINANCE_SIGNING.aheadToleranceMs)) {
    return err(400, BINANCE_ERRORS.TIMESTAMP_OUTSIDE_RECV_WINDOW, 'Timestamp for this request is outside of the recvWindow.');
  }
  if (!binanceSignatureValid(req.rawQuery, req.body, key.secret)) return err(400, BINANCE_ERRORS.INVALID_SIGNATURE, 'Signature for this request is not valid.');
  return key;
}

export function handleBinance(req: SimRequest, state: SimState, limiter: BinanceLimiter): SimResponse {
  const spec = binanceEndpoint(req.path);
  const bucket = spec?.bucket ?? binanceBucketOfPath(req.path);
  // Binance charges 5 instead of 20 when myTrades is narrowed to one order.
  const weight = spec === undefined ? 1 : req.path === '/api/v3/myTrades' && req.query.has('orderId') ? 5
    : req.path === BINANCE_KLINE_PATHS.linear ? binanceFuturesKlineWeight(intParam(req.query, 'limit')) : spec.weight;
  const verdict = limiter.charge(bucket, weight, req.now);
  const usedHeader = { [BINANCE_HEADERS.usedWeight]: String(verdict.usedWeight), [BINANCE_HEADERS.usedWeight1m]: String(verdict.usedWeight) };
  const finish = (res: SimResponse): SimResponse => ({ ...res, weight, headers: { ...res.headers, ...usedHeader } });
  if (verdict.kind === 'banned') {
    const until = req.now + verdict.retryAfterMs;
    return finish({
      ...err(418, BINANCE_ERRORS.TOO_MANY_REQUESTS, `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`),
      headers: { [BINANCE_HEADERS.retryAfter]: String(Math.ceil(verdict.retryAfterMs / 1000)) },
    });
  }
  if (verdict.kind === 'limited') {
    return finish({
      ...err(429, BINANCE_ERRORS.TOO_MANY_REQUESTS, `Too much request weight used; current limit is ${limiter.config.limits[bucket]} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`),
      headers: { [BINANCE_HEADERS.retryAfter]: String(Math.ceil(verdict.retryAfterMs / 1000)) },
    });
  }
  const handler = HANDLERS[req.path];
  if (handler === undefined || spec === undefined) return finish(json(404, { code: -1000, msg: `Unknown path ${req.path}` }, {}, 0, -1000));
  let key: SimKey | null = null;
  if (spec.signed) {
    const auth = authenticate(req, state);
    if (!('apiKey' in auth)) return finish(auth);
    key = auth;
  }
  return finish(handler(req, state, key, limiter.config));
}
