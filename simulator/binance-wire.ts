import type { SimBalance, SimIncome, SimMarket, SimMovement, SimTrade } from './types';

/** Renders simulator records in Binance's wire format (the fields ccxt keys on included). */

function precisionStep(decimals: number): string {
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

/** A spot symbol; a delisted one keeps its entry with status BREAK (as every BUSD pair does). */
export function spotSymbol(m: SimMarket, now: number): Record<string, unknown> {
  return {
    symbol: m.id, status: m.delistedAt !== undefined && now >= m.delistedAt ? 'BREAK' : 'TRADING', baseAsset: m.base, baseAssetPrecision: 8, quoteAsset: m.quote, quotePrecision: 8,
    quoteAssetPrecision: 8, baseCommissionPrecision: 8, quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true, ocoAllowed: true, otoAllowed: true, quoteOrderQtyMarketAllowed: true, allowTrailingStop: true,
    cancelReplaceAllowed: true, isSpotTradingAllowed: true, isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: precisionStep(m.pricePrecision), maxPrice: '1000000.00000000', tickSize: precisionStep(m.pricePrecision) },
      { filterType: 'LOT_SIZE', minQty: precisionStep(m.qtyPrecision), maxQty: '9000000.00000000', stepSize: precisionStep(m.qtyPrecision) },
      { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
    ],
    permissions: [], permissionSets: [['SPOT']], defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

export function futuresSymbol(m: SimMarket): Record<string, unknown> {
  return {
    symbol: m.id, pair: m.id, contractType: 'PERPETUAL', deliveryDate: 4133404800000, onboardDate: 1569398400000,
    status: 'TRADING', maintMarginPercent: '2.5000', requiredMarginPercent: '5.0000', baseAsset: m.base, quoteAsset: m.quote,
    marginAsset: m.quote, pricePrecision: m.pricePrecision, quantityPrecision: m.qtyPrecision, baseAssetPrecision: 8,
    quotePrecision: 8, underlyingType: 'COIN', underlyingSubType: ['PoW'], settlePlan: 0, triggerProtect: '0.0500',
    liquidationFee: '0.012500', marketTakeBound: '0.05', maxMoveOrderLimit: 10000,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: precisionStep(m.pricePrecision), maxPrice: '4529764', tickSize: precisionStep(m.pricePrecision) },
      { filterType: 'LOT_SIZE', minQty: precisionStep(m.qtyPrecision), maxQty: '1000', stepSize: precisionStep(m.qtyPrecision) },
      { filterType: 'MARKET_LOT_SIZE', minQty: precisionStep(m.qtyPrecision), maxQty: '120', stepSize: precisionStep(m.qtyPrecision) },
      { filterType: 'MAX_NUM_ORDERS', limit: 200 },
      { filterType: 'MIN_NOTIONAL', notional: '5' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

export function spotTrade(t: SimTrade): Record<string, unknown> {
  return {
    symbol: t.symbol, id: t.id, orderId: t.orderId, orderListId: -1, price: t.price, qty: t.qty, quoteQty: t.quoteQty,
    commission: t.commission, commissionAsset: t.commissionAsset, time: t.time, isBuyer: t.side === 'BUY',
    isMaker: t.isMaker, isBestMatch: true,
  };
}

export function futuresTrade(t: SimTrade): Record<string, unknown> {
  return {
    buyer: t.side === 'BUY', commission: t.commission, commissionAsset: t.commissionAsset, id: t.id, maker: t.isMaker,
    orderId: t.orderId, price: t.price, qty: t.qty, quoteQty: t.quoteQty, realizedPnl: t.realizedPnl, side: t.side,
    positionSide: 'BOTH', symbol: t.symbol, time: t.time,
  };
}

export function incomeRow(i: SimIncome): Record<string, unknown> {
  return { symbol: i.symbol, incomeType: i.incomeType, income: i.income, asset: i.asset, info: i.incomeType, time: i.time, tranId: i.tranId, tradeId: i.tradeId };
}

function utcDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function depositRow(m: SimMovement): Record<string, unknown> {
  return {
    id: m.id, amount: m.amount, coin: m.coin, network: m.network, status: 1, address: m.address, addressTag: '', txId: m.txId,
    insertTime: m.time, completeTime: m.time + 60_000, transferType: 0, confirmTimes: '12/12', unlockConfirm: 0, walletType: 0,
  };
}

export function withdrawalRow(m: SimMovement): Record<string, unknown> {
  return {
    id: m.id, amount: m.amount, transactionFee: m.fee, coin: m.coin, status: 6, address: m.address, txId: m.txId,
    applyTime: utcDateTime(m.time), network: m.network, transferType: 0, info: '', confirmNo: 3, walletType: 0, txKey: '',
    completeTime: utcDateTime(m.time + 120_000),
  };
}

export function spotBalance(b: SimBalance): Record<string, unknown> {
  return { asset: b.asset, free: b.free, locked: b.locked };
}
