import { BINANCE_ERRORS, BINANCE_PAGING, BINANCE_TRANSFER_TYPES } from '../shared/exchanges';
import { intParam, json, type SimRequest, type SimResponse } from './http-types';
import type { SimState } from './state';
import type { SimConvert, SimDividend, SimDust, SimTransfer } from './types';
import { inRange, timeRange } from './windows';

/**
 * Binance wallet history beyond fills. Each wire format follows the response example of its docs
 * page (developers.binance.com): convert "Get Convert Trade History", wallet "DustLog", "Asset
 * Dividend Record", "Query User Universal Transfer History". Lists are newest first.
 */

const err = (status: number, code: number, msg: string): SimResponse => json(status, { code, msg }, {}, 0, code);
const badParam = (msg: string): SimResponse => err(400, BINANCE_ERRORS.INVALID_PARAMETER, msg);
const newestFirst = <T extends { time: number; seq: number }>(rows: T[]): T[] => [...rows].sort((a, b) => b.time - a.time || b.seq - a.seq);

type Params = { ok: true; values: Record<string, number | undefined> } | { ok: false; res: SimResponse };

function params(req: SimRequest, names: readonly string[]): Params {
  const values: Record<string, number | undefined> = {};
  for (const n of names) {
    const v = intParam(req.query, n);
    if (v !== undefined && Number.isNaN(v)) return { ok: false, res: badParam(`Invalid data sent for parameter '${n}'.`) };
    values[n] = v;
  }
  return { ok: true, values };
}

/** `orderId` is sent as a JSON number larger than 2^53 (as in the docs example): readers lose its precision, `quoteId` is exact. */
function convertRow(c: SimConvert): string {
  return `{"quoteId":"${c.quoteId}","orderId":${c.orderId},"orderStatus":"SUCCESS","fromAsset":"${c.fromAsset}","fromAmount":"${c.fromAmount}",`
    + `"toAsset":"${c.toAsset}","toAmount":"${c.toAmount}","ratio":"${(Number(c.toAmount) / Number(c.fromAmount)).toFixed(8)}",`
    + `"inverseRatio":"${(Number(c.fromAmount) / Number(c.toAmount)).toFixed(8)}","createTime":${c.time}}`;
}

export function convertTradeFlow(req: SimRequest, state: SimState): SimResponse {
  const p = BINANCE_PAGING.convert;
  const parsed = params(req, ['startTime', 'endTime', 'limit']);
  if (!parsed.ok) return parsed.res;
  const q = parsed.values;
  const { startTime, endTime } = q;
  if (startTime === undefined) return err(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, "Mandatory parameter 'startTime' was not sent, was empty/null, or malformed.");
  if (endTime === undefined) return err(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, "Mandatory parameter 'endTime' was not sent, was empty/null, or malformed.");
  const limit = q['limit'] ?? p.defaultLimit;
  if (limit < 1 || limit > p.maxLimit) return badParam(`Invalid limit: must be 1..${p.maxLimit}.`);
  const range = timeRange(startTime, endTime, p.maxWindowMs, req.now);
  if (range === 'tooBig') return badParam('The max interval between startTime and endTime is 30 days.');
  if (range === 'reversed') return badParam('startTime must be less than endTime.');
  const rows = newestFirst(state.history.converts.filter((c) => inRange(c.time, range)));
  const page = rows.slice(0, limit);
  const body = `{"list":[${page.map(convertRow).join(',')}],"startTime":${startTime},"endTime":${endTime},"limit":${limit},"moreData":${rows.length > limit}}`;
  return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body, weight: 0, errorCode: null };
}

function dustRow(d: SimDust): Record<string, unknown> {
  const sum = (f: 'transferedAmount' | 'serviceChargeAmount'): string => d.details.reduce((n, x) => n + Number(x[f]), 0).toFixed(8);
  return {
    operateTime: d.time, totalServiceChargeAmount: sum('serviceChargeAmount'), totalTransferedAmount: sum('transferedAmount'), transId: d.transId,
    userAssetDribbletDetails: d.details.map((x) => ({ transId: d.transId, serviceChargeAmount: x.serviceChargeAmount, amount: x.amount, operateTime: d.time, transferedAmount: x.transferedAmount, fromAsset: x.fromAsset })),
  };
}

/** Only the newest 100 conversions exist, whatever the window asks for (docs: "Only return last 100 records"). */
export function dribblet(req: SimRequest, state: SimState): SimResponse {
  const parsed = params(req, ['startTime', 'endTime']);
  if (!parsed.ok) return parsed.res;
  const q = parsed.values;
  const served = newestFirst(state.history.dust).slice(0, BINANCE_PAGING.dust.maxRecords);
  const rows = served.filter((d) => (q['startTime'] === undefined || d.time >= q['startTime']) && (q['endTime'] === undefined || d.time <= q['endTime']));
  return json(200, { total: rows.length, userAssetDribblets: rows.map(dustRow) });
}

function dividendRow(d: SimDividend): Record<string, unknown> {
  return { id: d.id, amount: d.amount, asset: d.asset, divTime: d.time, enInfo: d.enInfo, tranId: d.tranId, direction: d.direction };
}

export function assetDividend(req: SimRequest, state: SimState): SimResponse {
  const p = BINANCE_PAGING.dividend;
  const parsed = params(req, ['startTime', 'endTime', 'limit']);
  if (!parsed.ok) return parsed.res;
  const q = parsed.values;
  const limit = q['limit'] ?? p.defaultLimit;
  if (limit < 1 || limit > p.maxLimit) return badParam(`Invalid limit: must be 1..${p.maxLimit}.`);
  const range = timeRange(q['startTime'], q['endTime'], p.maxWindowMs, req.now);
  if (range === 'tooBig') return badParam('The time interval between startTime and endTime cannot exceed 180 days.');
  if (range === 'reversed') return badParam('startTime must be less than endTime.');
  const asset = req.query.get('asset');
  const rows = newestFirst(state.history.dividends.filter((d) => inRange(d.time, range) && (asset === null || d.asset === asset)));
  return json(200, { rows: rows.slice(0, limit).map(dividendRow), total: rows.length });
}

function transferRow(t: SimTransfer): Record<string, unknown> {
  return { asset: t.asset, amount: t.amount, type: t.type, status: 'CONFIRMED', tranId: t.tranId, timestamp: t.time };
}

export function universalTransfers(req: SimRequest, state: SimState): SimResponse {
  const p = BINANCE_PAGING.transfer;
  const type = req.query.get('type');
  if (type === null || type === '') return err(400, BINANCE_ERRORS.MANDATORY_PARAM_EMPTY, "Mandatory parameter 'type' was not sent, was empty/null, or malformed.");
  if (!(BINANCE_TRANSFER_TYPES as readonly string[]).includes(type)) return badParam('Invalid transfer type.');
  const parsed = params(req, ['startTime', 'endTime', 'current', 'size']);
  if (!parsed.ok) return parsed.res;
  const q = parsed.values;
  const size = q['size'] ?? p.defaultSize;
  const current = q['current'] ?? 1;
  if (size < 1 || size > p.maxSize || current < 1) return badParam(`Invalid size or current: size must be 1..${p.maxSize}.`);
  // No bounds: the last 7 days (docs); history older than 6 months is not served.
  const range = timeRange(q['startTime'], q['endTime'], q['startTime'] === undefined && q['endTime'] === undefined ? 7 * 86_400_000 : p.historyMs, req.now);
  if (range === 'tooBig') return badParam('The time interval between startTime and endTime is too long.');
  if (range === 'reversed') return badParam('startTime must be less than endTime.');
  const oldest = req.now - p.historyMs;
  const rows = newestFirst(state.history.transfers.filter((t) => t.type === type && t.time >= oldest && inRange(t.time, range)));
  return json(200, { total: rows.length, rows: rows.slice((current - 1) * size, current * size).map(transferRow) });
}
