import { cell, type CsvTradeFormat, type HeaderIndex, normalizeHeader, type RowResult, splitPair, unifiedSymbol } from '../columns';
import { bybitPendingKind } from '../pending-kinds';
import { parseAmountWithAsset } from '../values';
import { rowTimeReader } from '../row-time';

const TIME = ['timeutc', 'timeutc0', 'transactiontimeutc0', 'tradetimeutc0', 'datetimeutc', 'time', 'date'];

/**
 * Bybit unified-account transaction log (Assets > Unified Trading > Transaction Log > Export):
 *   Uid,Currency,Contract,Type,Direction,Quantity,Position,Filled Price,Funding,Fee Paid,Cash Flow,Change,Wallet Balance,Action,OrderId,TradeId,Time(UTC)
 * `SETTLEMENT` rows are funding: income FUNDING_FEE with the wallet Change as amount (positive =
 * received), on the row's contract. `TRADE` rows are skipped: the fills, with their prices, come
 * from the trade history export. Transfers, converts and bonuses are the pending kinds.
 */
export const bybitTransactionLogFormat: CsvTradeFormat<'bybit-transaction-log'> = {
  id: 'bybit-transaction-log',
  label: 'Bybit transaction log',
  exchange: 'bybit',
  detect: (h: HeaderIndex) => h.has('type') && h.has('change') && (h.has('cashflow') || h.has('walletbalance')),
  prepare(h, options) {
    const time = h.find(TIME);
    const type = h.find(['type']);
    const change = h.find(['change']);
    const currency = h.find(['currency', 'coin']);
    const contract = h.find(['contract', 'contracts', 'symbol']);
    const missing: string[] = [];
    if (time === undefined) missing.push('Time(UTC)');
    if (currency === undefined) missing.push('Currency');
    if (missing.length > 0) return { ok: false, missing };
    const readTime = rowTimeReader(h, time, options);
    return {
      ok: true,
      mapRow(cells): RowResult {
        const reasons: string[] = [];
        const t = readTime(cells, reasons);
        const asset = cell(cells, currency).toUpperCase();
        const amount = parseAmountWithAsset(cell(cells, change), [asset])?.value ?? null;
        if (amount === null) reasons.push(`unreadable change "${cell(cells, change)}"`);
        if (reasons.length > 0 || t === null || amount === null) return { kind: 'rejected', reasons };
        const typeText = cell(cells, type);
        const kind = normalizeHeader(typeText);
        if (kind === 'trade') return { kind: 'skipped', reason: 'trade rows (the fills come from the trade history export)' };
        if (kind === 'settlement') {
          const split = splitPair(cell(cells, contract));
          if (split === null) return { kind: 'rejected', reasons: [`cannot tell base and quote of contract "${cell(cells, contract)}"`] };
          return { kind: 'income', draft: { exchange: 'bybit', marketType: 'linear', symbol: unifiedSymbol(split[0], split[1], 'linear'), incomeType: 'FUNDING_FEE', rawType: typeText, asset, amount, timestamp: t } };
        }
        const pending = bybitPendingKind(kind);
        if (pending !== null) return { kind: 'pending', draft: { exchange: 'bybit', kind: pending, operation: typeText, wallet: 'Unified', asset, amount, timestamp: t } };
        return { kind: 'rejected', reasons: [`type "${typeText}" is not one the app can store`] };
      },
    };
  },
};

/**
 * Bybit funding-account history (Assets > Funding > Account Change Details > Export):
 *   Uid,Date & Time(UTC),Coin,QTY,Type,Account Balance,Description
 * Deposits (`Fiat`/`Deposit` rows, `Deposit` type) and withdrawals become movements; transfers to
 * and from the trading account, airdrops and bonuses, and card or fiat purchases of crypto are the
 * pending kinds; anything else is rejected by name.
 */
export const bybitFundingFormat: CsvTradeFormat<'bybit-funding'> = {
  id: 'bybit-funding',
  label: 'Bybit funding account history',
  exchange: 'bybit',
  detect: (h: HeaderIndex) => h.has('coin') && h.has('qty') && h.has('type') && h.has('accountbalance'),
  prepare(h, options) {
    const time = h.find(['datetimeutc', 'timeutc', 'time', 'date']);
    const coin = h.find(['coin']);
    const qty = h.find(['qty']);
    const type = h.find(['type']);
    const description = h.find(['description']);
    const missing: string[] = [];
    if (time === undefined) missing.push('Date & Time(UTC)');
    if (missing.length > 0) return { ok: false, missing };
    const readTime = rowTimeReader(h, time, options);
    return {
      ok: true,
      mapRow(cells): RowResult {
        const reasons: string[] = [];
        const t = readTime(cells, reasons);
        const asset = cell(cells, coin).toUpperCase();
        const amount = parseAmountWithAsset(cell(cells, qty), [asset])?.value ?? null;
        if (amount === null) reasons.push(`unreadable QTY "${cell(cells, qty)}"`);
        if (reasons.length > 0 || t === null || amount === null) return { kind: 'rejected', reasons };
        const typeText = cell(cells, type);
        const kind = normalizeHeader(typeText);
        const what = normalizeHeader(cell(cells, description));
        if (kind === 'deposit' || kind === 'withdraw' || kind === 'withdrawal' || (kind === 'fiat' && what === 'deposit')) {
          const movement = amount >= 0 ? 'deposit' : 'withdrawal';
          return { kind: 'movement', draft: { exchange: 'bybit', type: movement, movementId: null, currency: asset, amount: Math.abs(amount), fee: 0, network: null, txid: null, status: 'ok', timestamp: t } };
        }
        const pending = kind === 'fiat' ? 'convert' : kind === 'transferin' || kind === 'transferout' ? 'transfer' : kind === 'airdrop' || kind === 'bonus' ? 'reward' : null;
        if (pending !== null) return { kind: 'pending', draft: { exchange: 'bybit', kind: pending, operation: `${typeText}: ${cell(cells, description)}`, wallet: 'Funding', asset, amount, timestamp: t } };
        return { kind: 'rejected', reasons: [`type "${typeText}" is not one the app can store`] };
      },
    };
  },
};
