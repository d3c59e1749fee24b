import type { SimIncome, SimMarket, SimMovement, SimTrade } from './types';

/** Renders simulator records in Bybit v5's wire format (fields ccxt keys on included). */

function step(decimals: number): string {
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

export function instrument(m: SimMarket): Record<string, unknown> {
  if (m.marketType === 'spot') {
    return {
      symbol: m.id, baseCoin: m.base, quoteCoin: m.quote, innovation: '0', status: 'Trading', marginTrading: 'none', stTag: '0',
      lotSizeFilter: { basePrecision: step(m.qtyPrecision), quotePrecision: '0.00000001', minOrderQty: step(m.qtyPrecision), maxOrderQty: '9000', minOrderAmt: '5', maxOrderAmt: '9000000' },
      priceFilter: { tickSize: step(m.pricePrecision) },
      riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    };
  }
  return {
    symbol: m.id, contractType: 'LinearPerpetual', status: 'Trading', baseCoin: m.base, quoteCoin: m.quote, launchTime: '1585526400000',
    deliveryTime: '0', deliveryFeeRate: '', priceScale: String(m.pricePrecision),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: step(m.pricePrecision), maxPrice: '1999999', tickSize: step(m.pricePrecision) },
    lotSizeFilter: { maxOrderQty: '1000', minOrderQty: step(m.qtyPrecision), qtyStep: step(m.qtyPrecision), postOnlyMaxOrderQty: '1000', maxMktOrderQty: '100', minNotionalValue: '5' },
    unifiedMarginTrade: true, fundingInterval: 480, settleCoin: m.quote, copyTrading: 'both', upperFundingRate: '0.00375', lowerFundingRate: '-0.00375',
    isPreListing: false, preListingInfo: null,
  };
}

/**
 * `createType` of a forced close (v5 enums, "createType"): a liquidation is created by the
 * liquidation engine, an auto-deleverage passes through from the counterparty's liquidation.
 */
const CREATE_TYPE: Record<SimTrade['execType'], string> = { Trade: 'CreateByUser', BustTrade: 'CreateByLiq', AdlTrade: 'CreateByAdl_PassThrough' };

/** One row of /v5/execution/list (docs: "Get Trade History", response example). */
export function execution(t: SimTrade): Record<string, unknown> {
  const feeRate = t.marketType === 'spot' ? (t.isMaker ? '0.00075' : '0.001') : (t.isMaker ? '0.0002' : '0.0005');
  return {
    symbol: t.symbol, orderId: `${t.orderId}`, orderLinkId: '', side: t.side === 'BUY' ? 'Buy' : 'Sell', orderPrice: t.price, orderQty: t.orderQty,
    leavesQty: t.leavesQty, createType: CREATE_TYPE[t.execType], orderType: t.isMaker ? 'Limit' : 'Market', stopOrderType: '', execFee: t.commission,
    execId: t.execId, execPrice: t.price, execQty: t.qty, execType: t.execType, execValue: t.quoteQty, execTime: String(t.time),
    feeCurrency: t.marketType === 'spot' ? t.commissionAsset : '', isMaker: t.isMaker, feeRate, tradeIv: '', markIv: '',
    markPrice: t.price, indexPrice: '', underlyingPrice: '', blockTradeId: '', closedSize: t.closedQty,
    // Shared by the fills of one match (SimTrade.crossSeq), so not a key: the router pages by `seq`.
    seq: t.crossSeq, extraFees: '',
  };
}

/**
 * A funding charge as the execution list serves it when no `execType` filter is sent. Follows the
 * Funding row recorded in ccxt's bybit.ts (`parseIncome` comment): orderType UNKNOWN, orderQty 0,
 * execQty = position size, execValue = size x mark price, feeRate = the funding rate, and
 * `execFee` positive when paid, negative when received (the sign of a trading fee).
 */
export function fundingExecution(i: SimIncome): Record<string, unknown> | null {
  if (i.incomeType !== 'FUNDING_FEE' || i.funding === undefined) return null;
  const qty = Number(i.funding.qty);
  return {
    symbol: i.symbol, orderType: 'UNKNOWN', underlyingPrice: '', orderLinkId: '', orderId: `${i.time}-${i.tranId}`, stopOrderType: 'UNKNOWN',
    execTime: String(i.time), feeCurrency: '', createType: '', feeRate: i.funding.rate, tradeIv: '', blockTradeId: '', markPrice: i.funding.price,
    execPrice: i.funding.price, markIv: '', orderQty: '0', orderPrice: '0', execValue: (Math.abs(qty) * Number(i.funding.price)).toFixed(8),
    closedSize: '0', execType: 'Funding', seq: i.seq, side: qty >= 0 ? 'Buy' : 'Sell', indexPrice: '', leavesQty: '0', isMaker: false,
    execFee: (-Number(i.income)).toFixed(8), execId: i.logId, marketUnit: '', execQty: Math.abs(qty).toString(), extraFees: '',
  };
}

/**
 * Bybit's transaction log has one TRADE row per fill (cashFlow = realized P&L, fee = commission)
 * and one SETTLEMENT row per funding. The simulator's per-type income rows are folded into that.
 * Signs follow the docs ("Get Transaction Log", response parameters and example): `funding` is
 * positive when received and negative when paid, `fee` positive when paid, and
 * `change = cashFlow + funding - fee`.
 */
export interface BybitLogRow {
  id: string;
  seq: number;
  time: number;
  row: Record<string, unknown>;
}

export function transactionLog(income: readonly SimIncome[]): BybitLogRow[] {
  const byTrade = new Map<string, SimIncome[]>();
  const out: BybitLogRow[] = [];
  for (const i of income) {
    if (i.tradeId === '') {
      const type = i.incomeType === 'FUNDING_FEE' ? 'SETTLEMENT' : 'TRANSFER_IN';
      out.push({ id: i.logId, seq: i.seq, time: i.time, row: logRow(i.logId, i.symbol, type, i.time, i.asset, i.income, '0', i.incomeType === 'FUNDING_FEE' ? i.income : '', '', i.tradeId) });
      continue;
    }
    const key = `${i.symbol}|${i.tradeId}`;
    byTrade.set(key, [...(byTrade.get(key) ?? []), i]);
  }
  for (const rows of byTrade.values()) {
    const commission = rows.find((r) => r.incomeType === 'COMMISSION');
    if (commission === undefined) continue;
    const pnl = rows.find((r) => r.incomeType === 'REALIZED_PNL')?.income ?? '0';
    const fee = (-Number(commission.income)).toFixed(8);
    const change = (Number(pnl) - Number(fee)).toFixed(8);
    out.push({ id: commission.logId, seq: commission.seq, time: commission.time, row: logRow(commission.logId, commission.symbol, 'TRADE', commission.time, commission.asset, change, pnl, '', fee, commission.tradeId) });
  }
  return out.sort((a, b) => a.time - b.time || a.seq - b.seq);
}

function logRow(id: string, symbol: string, type: string, time: number, currency: string, change: string, cashFlow: string, funding: string, fee: string, tradeId: string): Record<string, unknown> {
  return {
    id, symbol, category: 'linear', side: 'None', transactionTime: String(time), type, qty: '0', size: '0', currency, tradePrice: '',
    funding, fee, cashFlow, change, cashBalance: '', feeRate: '', bonusChange: '', tradeId, orderId: '', orderLinkId: '',
  };
}

export function depositRecord(m: SimMovement): Record<string, unknown> {
  return {
    id: m.id, coin: m.coin, chain: m.network, amount: m.amount, txID: m.txId, status: 3, toAddress: m.address, tag: '', depositFee: '',
    successAt: String(m.time), confirmations: '64', txIndex: '0', blockHash: '', batchReleaseLimit: '-1', depositType: '0', fromAddress: '',
  };
}

export function withdrawRecord(m: SimMovement): Record<string, unknown> {
  return {
    coin: m.coin, chain: m.network, amount: m.amount, txID: m.txId, status: 'success', toAddress: m.address, tag: '', withdrawFee: m.fee,
    createTime: String(m.time), updateTime: String(m.time + 120_000), withdrawId: m.id, withdrawType: 0,
  };
}
