import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { BINANCE_STATUS_PATH, BYBIT_MAINTENANCE_MSG, BYBIT_RET_CODES, BYBIT_STATUS_PATH } from '../shared/exchanges';
import { handleBinance } from './binance-router';
import { bybitError, handleBybit } from './bybit-router';
import { Faults, type Fault, type SimExchange } from './faults';
import type { HistoryOptions } from './history';
import { DEFAULT_HISTORY } from './history';
import { json, type SimRequest, type SimResponse } from './http-types';
import { BinanceLimiter, BybitLimiter, defaultBinanceLimits, defaultBybitLimits, type BinanceLimitConfig, type BybitLimitConfig } from './rate-limit';
import { RequestLog } from './request-log';
import { SimState, type AddTradesRequest } from './state';
import type { Now } from '../shared/time/clock';
import type { SimHistory, SimKey, SimTrade } from './types';

/**
 * The loopback exchange: one node:http server on 127.0.0.1 that speaks Binance (/api, /fapi,
 * /sapi) and Bybit v5 (/v5) over the same seeded history, with scriptable faults.
 */

const DAY_MS = 86_400_000;

export interface SimulatorKeyOptions {
  apiKey: string;
  secret: string;
  canTrade?: boolean;
  canWithdraw?: boolean;
  ipRestricted?: boolean;
}

export interface SimulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** History shape; `end` defaults to the clock's now, `start` to 120 days before. */
  history?: Partial<HistoryOptions>;
  /** Server clock (tests inject a fixed or stepping clock). Default Date.now. */
  clock?: Now;
  /** Keys the exchange accepts. Default: one read-only demo key. */
  keys?: SimulatorKeyOptions[];
  binanceLimits?: Partial<BinanceLimitConfig>;
  bybitLimits?: Partial<BybitLimitConfig>;
  /** Latency added to every request (ms). */
  latencyMs?: number;
}

export const DEMO_CREDENTIALS = { apiKey: 'tradelogDemoKey0000000000000000000000000000000000000000000000000', secret: 'tradelogDemoSecret' } as const;

export interface Simulator {
  baseUrl: string;
  port: number;
  state: SimState;
  requestLog: RequestLog;
  faults: Faults;
  binanceLimiter: BinanceLimiter;
  bybitLimiter: BybitLimiter;
  /** Deep copy of the current history (what a complete sync must end up with). */
  groundTruth(): SimHistory;
  addTrades(request: AddTradesRequest): SimTrade[];
  revokeKey(apiKey: string, afterRequests?: number): void;
  /** Moves the server clock (positive = server ahead of the client). */
  setClockSkew(ms: number): void;
  /** Starts (or with null ends) an exchange maintenance window; `endsAt` is announced where the exchange announces one (Bybit). */
  setMaintenance(window: { endsAt: number | null } | null): void;
  close(): Promise<void>;
}

function exchangeOf(path: string): SimExchange | null {
  if (path.startsWith('/v5/')) return 'bybit';
  if (path.startsWith('/api/') || path.startsWith('/fapi/') || path.startsWith('/sapi/')) return 'binance';
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The response a fault stands in for, or null when the fault only modifies the normal one. */
function faultResponse(fault: Fault, exchange: SimExchange, req: SimRequest, sim: { binance: BinanceLimiter; bybit: BybitLimiter }): SimResponse | null {
  switch (fault.kind) {
    case 'http':
      return { status: fault.status, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>${fault.status} Server Error</h1></body></html>`, weight: 0, errorCode: null };
    case 'rateLimit': {
      const retry = { 'retry-after': String(Math.ceil(fault.retryAfterMs / 1000)) };
      if (exchange === 'binance') return json(429, { code: -1003, msg: 'Too much request weight used; please use WebSocket Streams for live updates to avoid polling the API.' }, retry, 0, -1003);
      const res = bybitError(req, BYBIT_RET_CODES.TOO_MANY_VISITS, 'Too many visits. Exceeded the API Rate Limit.');
      return { ...res, headers: { ...res.headers, ...retry, 'x-bapi-limit-status': '0', 'x-bapi-limit': '50', 'x-bapi-limit-reset-timestamp': String(req.now + fault.retryAfterMs) } };
    }
    case 'ban': {
      const retry = { 'retry-after': String(Math.ceil(fault.retryAfterMs / 1000)) };
      if (exchange === 'binance') {
        sim.binance.ban(req.now, fault.retryAfterMs);
        return json(418, { code: -1003, msg: `Way too much request weight used; IP banned until ${req.now + fault.retryAfterMs}.` }, retry, 0, -1003);
      }
      sim.bybit.banIp(req.now, fault.retryAfterMs);
      return { status: 403, headers: { 'content-type': 'text/plain', ...retry }, body: 'access too frequent', weight: 0, errorCode: null };
    }
    case 'maintenance':
      if (exchange === 'binance') return json(503, { code: 1, msg: 'System is under maintenance.' }, {}, 0, 1);
      return bybitError(req, BYBIT_RET_CODES.MAINTENANCE, BYBIT_MAINTENANCE_MSG, 503);
    case 'recorded':
      return json(200, fault.body);
    case 'latency':
    case 'hang':
    case 'malformed':
    case 'reset':
      return null;
  }
}

const SYSTEM_STATUS_PATHS: readonly string[] = [BINANCE_STATUS_PATH, BYBIT_STATUS_PATH];

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? Date.now;
  const end = options.history?.end ?? clock();
  // 85 days: inside what every endpoint serves (Binance futures income keeps 3 months), so a full
  // sync of the default history reconciles every balance exactly.
  const state = new SimState({ ...DEFAULT_HISTORY, start: end - 85 * DAY_MS, end, ...options.history }, clock);
  for (const k of options.keys ?? [{ ...DEMO_CREDENTIALS }]) {
    const key: Omit<SimKey, 'revoked' | 'revokeAfterRequests'> = { apiKey: k.apiKey, secret: k.secret, canTrade: k.canTrade ?? false, canWithdraw: k.canWithdraw ?? false, ipRestricted: k.ipRestricted ?? false };
    state.addKey(key);
  }
  const binance = new BinanceLimiter({ ...defaultBinanceLimits(), ...options.binanceLimits });
  const bybit = new BybitLimiter({ ...defaultBybitLimits(), ...options.bybitLimits });
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;
  const log = new RequestLog();
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const body = await readBody(req);
    const exchange = exchangeOf(url.pathname);
    const params: Record<string, string> = {};
    url.searchParams.forEach((v, k) => { if (k !== 'signature') params[k] = v; });
    const record = (status: number, weight: number, errorCode: number | null): void =>
      log.add({ exchange: exchange ?? 'binance', method: req.method ?? 'GET', path: url.pathname, params, weight, status, errorCode, at: state.now() });
    if (exchange === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      record(404, 0, null);
      return;
    }
    const fault = faults.take(exchange, url.pathname);
    const latency = faults.latencyMs + (fault?.kind === 'latency' ? fault.ms : 0);
    if (latency > 0) await sleep(latency);
    if (fault?.kind === 'hang') {
      record(0, 0, null);
      return;
    }
    if (fault?.kind === 'reset') {
      record(0, 0, null);
      req.socket.destroy();
      return;
    }
    const simReq: SimRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, rawQuery, headers: req.headers, body, now: state.now() };
    let out = fault === null ? null : faultResponse(fault, exchange, simReq, { binance, bybit });
    // During a maintenance window everything but the system-status endpoint answers as the
    // 'maintenance' fault does; the status endpoint is how a client learns what is going on.
    if (out === null && state.maintenance !== null && !SYSTEM_STATUS_PATHS.includes(url.pathname)) out = faultResponse({ kind: 'maintenance' }, exchange, simReq, { binance, bybit });
    if (out === null) out = exchange === 'binance' ? handleBinance(simReq, state, binance) : handleBybit(simReq, state, bybit);
    // A proxy cut the body short: valid status and headers, JSON that does not parse.
    const payload = fault?.kind === 'malformed' ? out.body.slice(0, Math.max(1, Math.floor(out.body.length / 2))) : out.body;
    res.writeHead(out.status, out.headers).end(payload);
    record(out.status, out.weight, out.errorCode);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('simulator error');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator: no TCP address');
  const port = address.port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    state,
    requestLog: log,
    faults,
    binanceLimiter: binance,
    bybitLimiter: bybit,
    groundTruth: () => state.snapshot(),
    addTrades: (request) => state.addTrades(request),
    revokeKey: (apiKey, afterRequests) => state.revokeKey(apiKey, afterRequests),
    setClockSkew: (ms) => { state.skewMs = ms; },
    setMaintenance: (window) => { state.maintenance = window === null ? null : { startedAt: state.now(), endsAt: window.endsAt }; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
