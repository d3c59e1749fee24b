import type { IncomeType, MarketType } from '../../../domain/types';
import { cell, type CsvTradeFormat, type HeaderIndex, normalizeHeader, type RowResult } from '../columns';
import { binancePendingKind } from '../pending-kinds';
import { parseDecimal } from '../values';
import { rowTimeReader } from '../row-time';

/**
 * Binance "Generate all statements" (transaction history): one row per balance change.
 *   User_ID,UTC_Time,Account,Operation,Coin,Change,Remark
 *   12345,2024-10-20 21:04:00,USD-M Futures,Fee,USDT,-0.0119187,TradeID - 14707925
 * Newer files call the columns `User ID` and `Time` (the offset the user chose may be in the
 * header, `Time(UTC+8)`); older ones write two-digit years. `Change` is signed and may be written
 * `+1.5` or in scientific notation.
 *
 * What each operation becomes:
 * - USD-M/COIN-M futures `Realized Profit and Loss`, `Funding Fee`, `Fee`/`Commission`,
 *   `Insurance Fund Compensation`: income (the same kinds the API's income history returns;
 *   the statement names no symbol, so `symbol` is null).
 * - `Deposit`, `Withdraw` (and their fiat forms): deposits and withdrawals.
 * - converts, dust, rewards and wallet transfers: the pending kinds (pending-kinds.ts).
 * - spot trade legs (`Buy`, `Sell`, `Transaction Buy/Spend/Revenue/Sold/Fee`, spot `Fee`): legs,
 *   rebuilt into fills where one second holds exactly one fill (csv/statement-legs.ts has the rule
 *   and when it refuses); the refused ones are reported with the reason.
 * - anything else is rejected with its operation named, so nothing vanishes unseen.
 */
const TIME = ['utctime', 'timeutc', 'time', 'dateutc', 'date'];

const INCOME_OPERATIONS: Record<string, IncomeType> = {
  realizedprofitandloss: 'REALIZED_PNL',
  fundingfee: 'FUNDING_FEE',
  fee: 'COMMISSION',
  commission: 'COMMISSION',
  insurancefundcompensation: 'OTHER',
  liquidationfee: 'OTHER',
  referrerrebates: 'OTHER',
};

const TRADE_LEGS = new Set(['buy', 'sell', 'transactionbuy', 'transactionspend', 'transactionrevenue', 'transactionsold', 'transactionfee', 'fee', 'transactionrelated', 'bnbfeededuction']);
const DEPOSITS = new Set(['deposit', 'fiatdeposit', 'cryptodeposit']);
const WITHDRAWALS = new Set(['withdraw', 'fiatwithdraw', 'withdrawal', 'cryptowithdraw']);

export const binanceStatementFormat: CsvTradeFormat<'binance-statement'> = {
  id: 'binance-statement',
  label: 'Binance transaction history (Generate all statements)',
  exchange: 'binance',
  detect: (h: HeaderIndex) => h.has('operation') && h.has('coin') && h.has('change') && h.has('account'),
  prepare(h, options) {
    const time = h.find(TIME);
    const account = h.find(['account']);
    const operation = h.find(['operation']);
    const coin = h.find(['coin']);
    const change = h.find(['change']);
    const missing: string[] = [];
    if (time === undefined) missing.push('UTC_Time');
    if (account === undefined) missing.push('Account');
    if (operation === undefined) missing.push('Operation');
    if (coin === undefined) missing.push('Coin');
    if (change === undefined) missing.push('Change');
    if (missing.length > 0) return { ok: false, missing };
    const readTime = rowTimeReader(h, time, options);

    return {
      ok: true,
      mapRow(cells): RowResult {
        const reasons: string[] = [];
        const t = readTime(cells, reasons);
        const amount = parseDecimal(cell(cells, change));
        if (amount === null) reasons.push(`unreadable change "${cell(cells, change)}"`);
        const asset = cell(cells, coin).toUpperCase();
        if (!/^[A-Z0-9]+$/.test(asset)) reasons.push(`unreadable coin "${cell(cells, coin)}"`);
        const opText = cell(cells, operation);
        const op = normalizeHeader(opText);
        const wallet = cell(cells, account);
        const futures = futuresMarket(wallet);
        if (reasons.length > 0 || t === null || amount === null) return { kind: 'rejected', reasons };

        const incomeType = futures === null ? undefined : INCOME_OPERATIONS[op];
        if (futures !== null && incomeType !== undefined) {
          return { kind: 'income', draft: { exchange: 'binance', marketType: futures, symbol: null, incomeType, rawType: opText, asset, amount, timestamp: t } };
        }
        if (DEPOSITS.has(op) || WITHDRAWALS.has(op)) {
          const type = DEPOSITS.has(op) ? 'deposit' : 'withdrawal';
          return {
            kind: 'movement',
            // The statement's Change is net of the withdrawal fee ("Withdraw fee is included") and names no network or txid.
            draft: { exchange: 'binance', type, movementId: null, currency: asset, amount: Math.abs(amount), fee: 0, network: null, txid: null, status: 'ok', timestamp: t },
          };
        }
        const pending = binancePendingKind(op);
        if (pending !== null) return { kind: 'pending', draft: { exchange: 'binance', kind: pending, operation: opText, wallet, asset, amount, timestamp: t } };
        if (TRADE_LEGS.has(op)) return { kind: 'leg', draft: { timestamp: t, account: wallet, op, asset, amount } };
        return { kind: 'rejected', reasons: [`operation "${opText}" in account "${wallet}" is not one the app can store`] };
      },
    };
  },
};

/** Futures wallets in the statement's Account column; null for spot, funding, earn and the rest. */
function futuresMarket(wallet: string): MarketType | null {
  const w = normalizeHeader(wallet);
  return w === 'usdmfutures' || w === 'usdtfutures' || w === 'umfutures' || w === 'futures' ? 'linear' : null;
}
