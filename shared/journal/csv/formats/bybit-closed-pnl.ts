import type { ClosedPnlRow } from '../../../domain/closed-pnl-row';
import { cell, type CsvTradeFormat, type HeaderIndex, normalizeHeader, type RowResult, splitPair, unifiedSymbol } from '../columns';
import { rowTimeReader } from '../row-time';
import { parseDecimal } from '../values';

/** A closed P&L row before its account, id and key. */
export type ClosedPnlDraft = Omit<ClosedPnlRow, 'key' | 'accountId' | 'rowId'>;

const PNL = ['closedpl', 'closedpnl', 'realizedpl', 'realizedpnl'];

/** `Close Long` / the closing order's `Sell` close a long; `Close Short` / `Buy` a short. */
function closedSideOf(text: string): ClosedPnlRow['closedSide'] | undefined {
  switch (normalizeHeader(text)) {
    case 'closelong':
    case 'sell':
      return 'long';
    case 'closeshort':
    case 'buy':
      return 'short';
    case '':
      return null;
    default:
      return undefined;
  }
}

/**
 * Bybit closed P&L export (Orders > Derivatives > Closed P&L > Export), in the layouts published
 * exports show (docs/EXPORTS.md, "Bybit closed P&L"; fixtures/README.md):
 *   Contracts,Closing Direction,Qty,Entry Price,Exit Price,Closed P&L,Exit Type,Trade Time(UTC+0),Order No.,Create Time
 *   Contracts,Closing Direction,Qty,Entry Price,Exit Price,Closed P&L,Opening Fee,Closing Fee,Funding Fee,Exit Type,Trade Time(UTC+0)
 *   Market,Order Quantity,Entry Price,Exit Price,Opening Fee,Closing Fee,Funding Fee,cumClosedPzOpenFeeInfo,cumClosedPzTradeFeeInfo,Trade Type,Realized P&L,Trade time
 * Each row is one close: stored as a `closedPnlRecords` row, never as fills or income (that would
 * count the same money twice wherever the fills are stored). The current layout has no direction
 * column: `closedSide` stays null rather than being guessed from the P&L's sign.
 */
export const bybitClosedPnlFormat: CsvTradeFormat<'bybit-closed-pnl'> = {
  id: 'bybit-closed-pnl',
  label: 'Bybit closed P&L',
  exchange: 'bybit',
  detect: (h: HeaderIndex) => PNL.some((n) => h.has(n)) && (h.has('entryprice') || h.has('exitprice') || h.has('closingdirection')),
  prepare(h, options) {
    const contract = h.find(['contracts', 'contract', 'market', 'symbol']);
    const qty = h.find(['qty', 'orderquantity', 'closedqty', 'quantity']);
    const entry = h.find(['entryprice']);
    const exit = h.find(['exitprice']);
    const pnl = h.find(PNL);
    const time = h.find(['tradetimeutc', 'tradetime', 'timeutc', 'time']);
    const missing: string[] = [];
    if (contract === undefined) missing.push('Contracts');
    if (qty === undefined) missing.push('Qty');
    if (entry === undefined) missing.push('Entry Price');
    if (exit === undefined) missing.push('Exit Price');
    if (time === undefined) missing.push('Trade Time(UTC+0)');
    if (missing.length > 0) return { ok: false, missing };
    const direction = h.find(['closingdirection', 'side']);
    const openFee = h.find(['openingfee']);
    const closeFee = h.find(['closingfee']);
    const fundingFee = h.find(['fundingfee']);
    const exitType = h.find(['exittype', 'tradetype']);
    const orderNo = h.find(['orderno', 'orderid']);
    const createTime = h.find(['createtime', 'createtimeutc']);
    const readTime = rowTimeReader(h, time, options);
    return {
      ok: true,
      mapRow(cells): RowResult {
        const reasons: string[] = [];
        const number = (column: number | undefined, name: string, optional: boolean): number | null => {
          const text = cell(cells, column);
          if (text === '' && optional) return null;
          const v = parseDecimal(text);
          if (v === null) reasons.push(`unreadable ${name} "${text}"`);
          return v;
        };
        const closedAt = readTime(cells, reasons);
        const openedAt = cell(cells, createTime) === '' ? null : readTime(cells, reasons, createTime);
        const q = number(qty, 'Qty', false);
        if (q !== null && !(q > 0)) reasons.push(`Qty "${cell(cells, qty)}" is not positive`);
        const entryPrice = number(entry, 'Entry Price', false);
        const exitPrice = number(exit, 'Exit Price', false);
        const closedPnl = number(pnl, 'Closed P&L', false);
        const fees = [number(openFee, 'Opening Fee', true), number(closeFee, 'Closing Fee', true), number(fundingFee, 'Funding Fee', true)] as const;
        const side = closedSideOf(cell(cells, direction));
        if (side === undefined) reasons.push(`unknown closing direction "${cell(cells, direction)}"`);
        const symbolId = cell(cells, contract).toUpperCase();
        const split = splitPair(symbolId);
        if (split === null) reasons.push(`cannot tell base and quote of contract "${symbolId}" (USDT and USDC contracts are read)`);
        if (reasons.length > 0 || closedAt === null || split === null || q === null || entryPrice === null || exitPrice === null || closedPnl === null || side === undefined) return { kind: 'rejected', reasons };
        return {
          kind: 'closedPnl',
          draft: {
            exchange: 'bybit', symbol: unifiedSymbol(split[0], split[1], 'linear'), symbolId, orderId: cell(cells, orderNo) === '' ? null : cell(cells, orderNo),
            closedSide: side, qty: q, entryPrice, exitPrice, closedPnl, openFee: fees[0], closeFee: fees[1], fundingFee: fees[2],
            exitType: cell(cells, exitType), closedAt, openedAt,
          },
        };
      },
    };
  },
};
