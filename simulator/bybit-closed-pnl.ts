import type { SimIncome, SimTrade } from './types';

/**
 * Bybit v5 "Get Closed PnL" (GET /v5/position/closed-pnl) records, derived from the simulated
 * linear fills and funding. One record per order that closed (part of) a position, as the docs
 * describe it ("Query user's closed profit and loss records"; `orderId`, `closedSize`,
 * `fillCount` = fills of that order; newest `createdTime` first). What `closedPnl` holds follows
 * Bybit's help center, "Why Did My Closed P&L Record A Loss Despite The Position Showing a Green
 * Unrealized Profit?": position P&L minus the fee to open, minus the fee to close, plus the
 * funding received while holding (funding paid lowers it). The opening fee and funding are
 * shared out to each close by the quantity it closes (the docs' `openFee` is "apportioned").
 */
export interface SimClosedPnl {
  time: number;
  seq: number;
  row: Record<string, string>;
}

interface Holding {
  qty: number;
  entry: number;
  openFee: number;
  funding: number;
}

interface OrderClose {
  trade: SimTrade;
  side: 'Buy' | 'Sell';
  closed: number;
  entryValue: number;
  exitValue: number;
  gross: number;
  openFee: number;
  closeFee: number;
  funding: number;
  fills: number;
}

const fmt = (n: number): string => n.toFixed(8);

/** Every closed-P&L record of one linear symbol (fills and funding of that symbol, any order). */
export function closedPnlRecords(trades: readonly SimTrade[], income: readonly SimIncome[]): SimClosedPnl[] {
  type Event = { time: number; seq: number; trade?: SimTrade; funding?: number };
  const events: Event[] = [
    ...trades.filter((t) => t.marketType === 'linear').map((t): Event => ({ time: t.time, seq: t.seq, trade: t })),
    ...income.filter((i) => i.incomeType === 'FUNDING_FEE').map((i): Event => ({ time: i.time, seq: i.seq, funding: Number(i.income) })),
  ].sort((a, b) => a.time - b.time || a.seq - b.seq);
  const h: Holding = { qty: 0, entry: 0, openFee: 0, funding: 0 };
  const orders = new Map<number, OrderClose>();
  for (const e of events) {
    if (e.funding !== undefined) {
      if (h.qty !== 0) h.funding += e.funding;
      continue;
    }
    const t = e.trade;
    if (t === undefined) continue;
    const qty = Number(t.qty);
    const price = Number(t.price);
    const fee = Number(t.commission);
    const signed = t.side === 'BUY' ? qty : -qty;
    let closing = 0;
    if (h.qty !== 0 && Math.sign(signed) !== Math.sign(h.qty)) closing = Math.min(qty, Math.abs(h.qty));
    if (closing > 0) {
      const share = closing / Math.abs(h.qty);
      const o = orders.get(t.orderId) ?? { trade: t, side: t.side === 'BUY' ? 'Buy' : 'Sell', closed: 0, entryValue: 0, exitValue: 0, gross: 0, openFee: 0, closeFee: 0, funding: 0, fills: 0 };
      o.trade = t;
      o.closed += closing;
      o.entryValue += closing * h.entry;
      o.exitValue += closing * price;
      o.gross += (price - h.entry) * closing * Math.sign(h.qty);
      o.openFee += h.openFee * share;
      o.closeFee += fee * (closing / qty);
      o.funding += h.funding * share;
      o.fills++;
      orders.set(t.orderId, o);
      h.openFee -= h.openFee * share;
      h.funding -= h.funding * share;
    }
    const before = h.qty;
    h.qty += signed;
    if (Math.abs(h.qty) < 1e-12) h.qty = 0;
    const opened = qty - closing;
    if (h.qty === 0) {
      h.entry = 0;
      h.openFee = 0;
      h.funding = 0;
    } else if (opened > 0) {
      // Adding to the position (or the part of a flip beyond flat): a new average entry; its fee share opens.
      const prior = Math.sign(before) === Math.sign(h.qty) ? Math.abs(before) : 0;
      h.entry = (h.entry * prior + price * opened) / Math.abs(h.qty);
      h.openFee += fee * (opened / qty);
    }
  }
  return [...orders.values()].map((o) => {
    const t = o.trade;
    return {
      time: t.time, seq: t.seq, row: {
        symbol: t.symbol, orderId: String(t.orderId), side: o.side, qty: t.orderQty, orderPrice: t.price, orderType: 'Market',
        execType: t.execType, closedSize: fmt(o.closed), cumEntryValue: fmt(o.entryValue), avgEntryPrice: fmt(o.entryValue / o.closed),
        cumExitValue: fmt(o.exitValue), avgExitPrice: fmt(o.exitValue / o.closed), closedPnl: fmt(o.gross - o.openFee - o.closeFee + o.funding),
        openFee: fmt(o.openFee), closeFee: fmt(o.closeFee), fillCount: String(o.fills), leverage: '10', createdTime: String(t.time), updatedTime: String(t.time),
      },
    };
  });
}
