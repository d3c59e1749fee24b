import { BYBIT_HEADERS, BYBIT_PAGING, BYBIT_RET_CODES, BYBIT_SIGNING, bybitBucketOfPath, bybitEndpoint } from '../shared/exchanges';
import type { MarketType } from '../shared/domain/types';
import { bybitSignatureValid, timestampAccepted } from './signing';
import { headerString, intParam, json, type SimRequest, type SimResponse } from './http-types';
import type { BybitLimiter } from './rate-limit';
import type { SimState } from './state';
import { depositRecord, execution, fundingExecution, instrument, transactionLog, withdrawRecord } from './bybit-wire';
import { closedPnlRecords } from './bybit-closed-pnl';
import { inRange, timeRange } from './windows';
import { fmtAmount } from './wallets';
import type { SimKey } from './types';
import { bybitKlines } from './kline-wire';
/**
 * Bybit v5. Every answer is HTTP 200 with a `retCode` envelope, except the IP limit (403).
 * Lists page by an opaque cursor, newest first; the cursor names the last row sent, so rows
 * appended meanwhile (newer) never shift a page.
 */

type Handler = (req: SimRequest, state: SimState, key: SimKey | null) => SimResponse;

function envelope(req: SimRequest, result: unknown): SimResponse {
  return json(200, { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: req.now });
}

export function bybitError(req: SimRequest, retCode: number, retMsg: string, status = 200): SimResponse {
  return json(status, { retCode, retMsg, result: {}, retExtInfo: {}, time: req.now }, {}, 0, retCode);
}

const paramError = (req: SimRequest, msg: string): SimResponse => bybitError(req, BYBIT_RET_CODES.PARAM_ERROR, msg);

interface Pageable {
  time: number;
  seq: number;
}

/** Newest-first cursor page. Cursor = "<time>_<seq>" of the last row already sent. */
function cursorPage<T extends Pageable>(rows: readonly T[], cursor: string | null, limit: number): { page: T[]; next: string } | null {
  const sorted = [...rows].sort((a, b) => b.time - a.time || b.seq - a.seq);
  let startIdx = 0;
  if (cursor !== null && cursor !== '') {
    const m = /^(\d+)_(\d+)$/.exec(cursor);
    if (m === null) return null;
    const ct = Number(m[1]);
    const cs = Number(m[2]);
    startIdx = sorted.findIndex((r) => r.time < ct || (r.time === ct && r.seq < cs));
    if (startIdx < 0) startIdx = sorted.length;
  }
  const page = sorted.slice(startIdx, startIdx + limit);
  const last = page[page.length - 1];
  const more = startIdx + limit < sorted.length;
  return { page, next: more && last !== undefined ? `${last.time}_${last.seq}` : '' };
}

function category(req: SimRequest): MarketType | null {
  const c = req.query.get('category');
  return c === 'spot' || c === 'linear' ? c : null;
}

function listParams(req: SimRequest, p: { defaultLimit: number; maxLimit: number; maxWindowMs: number }):
  { limit: number; range: { from: number; to: number }; cursor: string | null } | SimResponse {
  const limit = intParam(req.query, 'limit') ?? p.defaultLimit;
  const start = intParam(req.query, 'startTime');
  const end = intParam(req.query, 'endTime');
  if ([limit, start, end].some((v) => v !== undefined && Number.isNaN(v))) return paramError(req, 'params error');
  if (limit < 1 || limit > p.maxLimit) return paramError(req, `params error: limit must be 1..${p.maxLimit}`);
  const range = timeRange(start, end, p.maxWindowMs, req.now);
  if (range === 'tooBig') return paramError(req, 'The time range between startTime and endTime cannot exceed the allowed window');
  if (range === 'reversed') return paramError(req, 'startTime should be less than endTime');
  return { limit, range, cursor: req.query.get('cursor') };
}

function executions(req: SimRequest, state: SimState): SimResponse {
  const cat = category(req);
  if (cat === null) return paramError(req, 'Illegal category');
  const lp = listParams(req, BYBIT_PAGING.execution);
  if ('status' in lp) return lp;
  const symbol = req.query.get('symbol');
  if (symbol !== null && !state.history.markets.some((m) => m.marketType === cat && m.id === symbol)) return paramError(req, 'symbol invalid');
  const execType = req.query.get('execType');
  const oldest = req.now - BYBIT_PAGING.execution.historyMs;
  const source = symbol === null ? state.history.trades : state.tradesOf(cat, symbol);
  // No `execType` = every type (docs "Get Trade History": execType is an optional filter; the
  // response example asks without it): fills of every kind, and funding charges on linear.
  const fills = source.filter((t) => t.marketType === cat && t.time >= oldest && (symbol === null || t.symbol === symbol)
    && (execType === null || execType === t.execType) && inRange(t.time, lp.range))
    .map((t) => ({ time: t.time, seq: t.seq, row: execution(t) }));
  const fundings = cat !== 'linear' || (execType !== null && execType !== 'Funding') ? [] : state.history.income.flatMap((i) => {
    const row = i.time >= oldest && (symbol === null || i.symbol === symbol) && inRange(i.time, lp.range) ? fundingExecution(i) : null;
    return row === null ? [] : [{ time: i.time, seq: i.seq, row }];
  });
  const page = cursorPage([...fills, ...fundings], lp.cursor, lp.limit);
  if (page === null) return paramError(req, 'cursor invalid');
  return envelope(req, { category: cat, list: page.page.map((r) => r.row), nextPageCursor: page.next });
}

function txLog(req: SimRequest, state: SimState): SimResponse {
  const lp = listParams(req, BYBIT_PAGING.transactionLog);
  if ('status' in lp) return lp;
  const cat = req.query.get('category');
  if (cat !== null && cat !== 'linear') return envelope(req, { list: [], nextPageCursor: '' });
  const type = req.query.get('type');
  const rows = transactionLog(state.history.income).filter((r) => inRange(r.time, lp.range) && (type === null || r.row['type'] === type));
  const page = cursorPage(rows, lp.cursor, lp.limit);
  if (page === null) return paramError(req, 'cursor invalid');
  return envelope(req, { list: page.page.map((r) => r.row), nextPageCursor: page.next });
}

/**
 * Docs "Get Closed PnL": category linear, optional symbol, a window of at most 7 days (none = the
 * last 7 days), limit 1..100, cursor paging, newest `createdTime` first, the past 730 days.
 * Records: bybit-closed-pnl.ts.
 */
function closedPnl(req: SimRequest, state: SimState): SimResponse {
  if (req.query.get('category') !== 'linear') return paramError(req, 'Illegal category');
  const lp = listParams(req, BYBIT_PAGING.closedPnl);
  if ('status' in lp) return lp;
  const symbol = req.query.get('symbol');
  const linear = state.history.markets.filter((m) => m.marketType === 'linear' && (symbol === null || m.id === symbol));
  if (symbol !== null && linear.length === 0) return paramError(req, 'symbol invalid');
  const oldest = req.now - BYBIT_PAGING.closedPnl.historyMs;
  const rows = linear.flatMap((m) => closedPnlRecords(state.tradesOf('linear', m.id), state.history.income.filter((i) => i.symbol === m.id)))
    .filter((r) => r.time >= oldest && inRange(r.time, lp.range));
  const page = cursorPage(rows, lp.cursor, lp.limit);
  if (page === null) return paramError(req, 'cursor invalid');
  return envelope(req, { category: 'linear', list: page.page.map((r) => r.row), nextPageCursor: page.next });
}

function movementRecords(req: SimRequest, state: SimState, type: 'deposit' | 'withdrawal'): SimResponse {
  const lp = listParams(req, BYBIT_PAGING.movements);
  if ('status' in lp) return lp;
  const coin = req.query.get('coin');
  const rows = state.history.movements.filter((m) => m.type === type && inRange(m.time, lp.range) && (coin === null || m.coin === coin));
  const page = cursorPage(rows, lp.cursor, lp.limit);
  if (page === null) return paramError(req, 'cursor invalid');
  return envelope(req, { rows: page.page.map(type === 'deposit' ? depositRecord : withdrawRecord), nextPageCursor: page.next });
}

function instruments(req: SimRequest, state: SimState): SimResponse {
  const cat = category(req);
  if (cat === null) return paramError(req, 'Illegal category');
  const p = BYBIT_PAGING.instruments;
  const limit = Math.min(intParam(req.query, 'limit') ?? p.defaultLimit, p.maxLimit);
  const status = req.query.get('status');
  // Everything we list is live: a filter for another status (ccxt asks for PreLaunch) finds nothing.
  const all = state.history.markets.filter((m) => m.marketType === cat && (status === null || status === 'Trading'));
  // Spot lists every instrument in one answer; derivatives page by cursor.
  const pageSize = cat === 'spot' ? all.length : limit;
  const offset = Number(req.query.get('cursor') ?? '0') || 0;
  const page = all.slice(offset, offset + pageSize);
  const next = offset + pageSize < all.length ? String(offset + pageSize) : '';
  return envelope(req, { category: cat, list: page.map(instrument), nextPageCursor: next });
}

function walletBalance(req: SimRequest, state: SimState): SimResponse {
  // Unified wallet balance per coin, computed from everything Bybit serves (wallets.ts).
  const coins = [...state.wallets().bybitUnified].filter(([, v]) => Math.abs(v) > 1e-9).sort(([a], [b]) => a.localeCompare(b)).map(([asset, v]) => ({
    coin: asset, equity: fmtAmount(v), usdValue: '', walletBalance: fmtAmount(v),
    free: '', locked: '0', spotHedgingQty: '0', borrowAmount: '', availableToWithdraw: fmtAmount(v), accruedInterest: '', totalOrderIM: '0',
    totalPositionIM: '0', totalPositionMM: '0', unrealisedPnl: '0', cumRealisedPnl: '0', bonus: '0', marginCollateral: true, collateralSwitch: true,
  }));
  return envelope(req, { list: [{ accountType: 'UNIFIED', accountIMRate: '0', accountMMRate: '0', totalEquity: '', totalWalletBalance: '', totalMarginBalance: '', totalAvailableBalance: '', totalPerpUPL: '0', totalInitialMargin: '0', totalMaintenanceMargin: '0', accountLTV: '0', coin: coins }] });
}

const HANDLERS: Record<string, Handler> = {
  '/v5/market/time': (req) => envelope(req, { timeSecond: String(Math.floor(req.now / 1000)), timeNano: `${req.now}000000` }),
  '/v5/market/instruments-info': instruments,
  '/v5/market/kline': (req, state) => bybitKlines(req, state),
  '/v5/execution/list': executions,
  '/v5/account/transaction-log': txLog,
  '/v5/position/closed-pnl': closedPnl,
  '/v5/asset/deposit/query-record': (req, state) => movementRecords(req, state, 'deposit'),
  '/v5/asset/withdraw/query-record': (req, state) => movementRecords(req, state, 'withdrawal'),
  '/v5/account/wallet-balance': walletBalance,
  '/v5/account/info': (req) => envelope(req, { unifiedMarginStatus: 6, marginMode: 'REGULAR_MARGIN', isMasterTrader: false, spotHedgingStatus: 'OFF', updatedTime: String(req.now), dcpStatus: 'OFF', timeWindow: 10, smpGroup: 0 }),
  // V5 "Get System Status": GET /v5/system/status -> result.list of maintenance records with id,
  // title, state, begin and end (ms as strings; end = expected end while it runs), href,
  // serviceTypes, product, uidSuffix, maintainType, env. The documented example shows finished
  // records with state "completed"; a running window is given here as "ongoing".
  '/v5/system/status': (req, state) => envelope(req, {
    list: state.maintenance === null ? [] : [{
      id: '4d95b2a0-587f-11f0-bcc9-56f28c94d6ea', title: 'System maintenance', state: 'ongoing', begin: String(state.maintenance.startedAt),
      end: state.maintenance.endsAt === null ? '' : String(state.maintenance.endsAt), href: '', serviceTypes: [1, 2, 3, 4, 5], product: [1, 2],
      uidSuffix: [], maintainType: 1, env: 1,
    }],
  }),
  '/v5/user/query-api': (req, _state, key) => envelope(req, {
    id: '13770661', note: 'tradelog', apiKey: key?.apiKey ?? '', readOnly: key?.canTrade === true ? 0 : 1, secret: '',
    permissions: {
      ContractTrade: key?.canTrade === true ? ['Order', 'Position'] : [], Spot: key?.canTrade === true ? ['SpotTrade'] : [],
      Wallet: key?.canWithdraw === true ? ['AccountTransfer', 'Withdraw'] : ['AccountTransfer'], Options: [], Derivatives: [], CopyTrading: [],
      BlockTrade: [], Exchange: [], NFT: [], Affiliate: [],
    },
    ips: key?.ipRestricted === true ? ['127.0.0.1'] : ['*'], type: 1, deadlineDay: 83, expiredAt: '2027-02-13T08:17:23Z',
    createdAt: '2026-11-01T08:17:23Z', unified: 0, uta: 1, userID: 24617703, inviterID: 0, vipLevel: 'No VIP', mktMakerLevel: '0', affiliateID: 0,
    rsaPublicKey: '', isMaster: true, parentUid: '0', kycLevel: 'LEVEL_DEFAULT', kycRegion: '',
  }),
};

function authenticate(req: SimRequest, state: SimState): SimKey | SimResponse {
  const apiKey = headerString(req.headers, BYBIT_SIGNING.apiKeyHeader) ?? '';
  const timestamp = headerString(req.headers, BYBIT_SIGNING.timestampHeader) ?? '';
  const recvWindow = headerString(req.headers, BYBIT_SIGNING.recvWindowHeader) ?? String(BYBIT_SIGNING.defaultRecvWindowMs);
  const sign = headerString(req.headers, BYBIT_SIGNING.signHeader) ?? '';
  const key = state.key(apiKey);
  if (key === undefined) return bybitError(req, BYBIT_RET_CODES.INVALID_KEY, 'API key is invalid.');
  if (key.revoked) return bybitError(req, BYBIT_RET_CODES.KEY_EXPIRED, 'Your api key has expired.');
  state.noteSignedRequest(key);
  if (!timestampAccepted(Number(timestamp), Number(recvWindow), req.now, BYBIT_SIGNING.aheadToleranceMs)) {
    return bybitError(req, BYBIT_RET_CODES.TIMESTAMP_EXPIRED, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${req.now}],recv_window[${recvWindow}]`);
  }
  if (!bybitSignatureValid(timestamp, apiKey, recvWindow, req.rawQuery, sign, key.secret)) {
    // Bybit echoes the string it signed (which contains the key): adapters must not pass it on.
    return bybitError(req, BYBIT_RET_CODES.BAD_SIGNATURE, `error sign! origin_string[${timestamp}${apiKey}${recvWindow}${req.rawQuery}]`);
  }
  return key;
}

export function handleBybit(req: SimRequest, state: SimState, limiter: BybitLimiter): SimResponse {
  const ip = limiter.chargeIp(req.now);
  if (ip !== null && ip.kind === 'ipBanned') {
    return { status: 403, headers: { 'content-type': 'text/plain', [BYBIT_HEADERS.retryAfter]: String(Math.ceil(ip.retryAfterMs / 1000)) }, body: 'access too frequent', weight: 1, errorCode: null };
  }
  const spec = bybitEndpoint(req.path);
  const handler = HANDLERS[req.path];
  if (spec === undefined || handler === undefined) return { ...bybitError(req, 10_404, `path not found: ${req.path}`, 404), weight: 1 };
  let key: SimKey | null = null;
  if (spec.signed) {
    const auth = authenticate(req, state);
    if (!('apiKey' in auth)) return { ...auth, weight: 1 };
    key = auth;
  }
  const bucket = spec.bucket ?? bybitBucketOfPath(req.path);
  const verdict = limiter.charge(key?.apiKey ?? 'public', bucket, req.now);
  if (verdict.kind === 'ipBanned') return bybitError(req, BYBIT_RET_CODES.TOO_MANY_VISITS, 'Too many visits!');
  const limitHeaders = { [BYBIT_HEADERS.limitStatus]: String(verdict.remaining), [BYBIT_HEADERS.limit]: String(verdict.limit), [BYBIT_HEADERS.limitReset]: String(verdict.resetAt) };
  if (verdict.kind === 'limited') {
    const res = bybitError(req, BYBIT_RET_CODES.TOO_MANY_VISITS, 'Too many visits. Exceeded the API Rate Limit.');
    return { ...res, weight: 1, headers: { ...res.headers, ...limitHeaders } };
  }
  const res = handler(req, state, key);
  return { ...res, weight: 1, headers: { ...res.headers, ...limitHeaders } };
}
