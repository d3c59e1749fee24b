import type { Side } from '../../domain/types';
import type { TradeDraft } from './columns';

/**
 * Spot fills rebuilt from the balance legs of a Binance "Generate all statements" file. The
 * statement has no price and no trade id: a fill shows as one row per coin it moved, at the same
 * UTC second, in the `Spot` account:
 *   - current names: `Transaction Buy` (base in) + `Transaction Spend` (quote out), or
 *     `Transaction Sold` (base out) + `Transaction Revenue` (quote in), plus `Transaction Fee`;
 *   - older files: two `Buy` (or two `Sell`) rows, base and quote told apart by their signs
 *     (a buy brings the base in and pays the quote), plus `Fee`.
 *
 * Rule: the legs of one account and second make one fill when that is unambiguous: exactly one
 * base leg and one quote leg with the signs their operation implies, two different coins, and at
 * most one fee leg (negative; `BNB Fee Deduction` is a fee leg too). n identical copies of such a
 * set (a partial fill repeated at one price: n equal base legs, n equal quote legs, 0 or n equal
 * fee legs) are n identical fills, which the match rule counts as such. Price = quote / base amount, so the fill equals the trade history's
 * and the API's to the match rule's 12 significant digits, and the match rule (csv/match.ts) then
 * keeps it from being stored beside the API's copy.
 *
 * It refuses (reported with the reason, never guessed) when a second holds several different
 * fills ( which spend paid for which buy cannot be told, and summing them would
 * store one fill that matches none of the API's), when buy and sell legs share a second, for a
 * `Transaction Related` leg (its direction is not stated), for legs whose other side is in
 * another second (Binance sometimes writes the spend a second after the buy: pairing across
 * seconds could pair the wrong fills), and for legs outside the Spot account (margin).
 */

export interface StatementLeg {
  /** The file line, for the reason. */
  line: number;
  timestamp: number;
  account: string;
  /** Normalized operation (`transactionbuy`, `buy`, `fee`, ...). */
  op: string;
  asset: string;
  amount: number;
}

export interface LegFills {
  fills: { draft: TradeDraft; line: number }[];
  refused: { reason: string; rows: number }[];
}

const FEE_OPS = new Set(['transactionfee', 'fee', 'bnbfeededuction']);
/** Current names: the operation says which leg it is. */
const NAMED: Readonly<Record<string, { side: Side; leg: 'base' | 'quote' }>> = {
  transactionbuy: { side: 'buy', leg: 'base' },
  transactionspend: { side: 'buy', leg: 'quote' },
  transactionsold: { side: 'sell', leg: 'base' },
  transactionrevenue: { side: 'sell', leg: 'quote' },
};

export const REFUSED = {
  several: 'spot trade legs of several fills in one second (which legs belong together cannot be told: import the spot trade history for these)',
  mixed: 'spot trade legs of a buy and a sell in one second (import the spot trade history for these)',
  related: 'spot "Transaction Related" legs (their direction is not stated: import the spot trade history for these)',
  incomplete: 'spot trade legs whose other side is not in the same second (import the spot trade history for these)',
  signs: 'spot trade legs whose signs do not fit their operation',
  account: 'trade legs outside the Spot account (margin trades are not imported)',
} as const;

const sameLeg = (a: StatementLeg, b: StatementLeg): boolean => a.op === b.op && a.asset === b.asset && a.amount === b.amount;

/** n identical copies of one fill's legs -> one copy and n; else null. */
function copies(legs: readonly StatementLeg[]): { one: StatementLeg[]; n: number } | null {
  const one: StatementLeg[] = [];
  const counts: number[] = [];
  for (const l of legs) {
    const i = one.findIndex((o) => sameLeg(o, l));
    if (i < 0) { one.push(l); counts.push(1); } else counts[i] = (counts[i] ?? 0) + 1;
  }
  const n = counts[0] ?? 0;
  return counts.every((c) => c === n) ? { one, n } : null;
}

function fillsOf(legs: readonly StatementLeg[]): TradeDraft[] | keyof typeof REFUSED {
  if (legs.some((l) => l.op === 'transactionrelated')) return 'related';
  const set = copies(legs);
  if (set === null) return 'several';
  const fill = fillOf(set.one);
  return typeof fill === 'string' ? fill : Array.from({ length: set.n }, () => fill);
}

function fillOf(legs: readonly StatementLeg[]): TradeDraft | keyof typeof REFUSED {
  const first = legs[0];
  if (first === undefined) return 'signs';
  const fees = legs.filter((l) => FEE_OPS.has(l.op));
  const trade = legs.filter((l) => !FEE_OPS.has(l.op));
  if (trade.length < 2) return 'incomplete';
  if (fees.length > 1 || trade.length !== 2) return 'several';
  const fee = fees[0];
  if (fee !== undefined && fee.amount > 0) return 'signs';

  let side: Side;
  let base: StatementLeg | undefined;
  let quote: StatementLeg | undefined;
  const named = trade.map((l) => NAMED[l.op]);
  if (named.every((n) => n !== undefined)) {
    const sides = new Set(named.map((n) => n.side));
    if (sides.size !== 1) return 'mixed';
    side = named[0]?.side ?? 'buy';
    base = trade.find((l) => NAMED[l.op]?.leg === 'base');
    quote = trade.find((l) => NAMED[l.op]?.leg === 'quote');
  } else if (trade.every((l) => l.op === 'buy') || trade.every((l) => l.op === 'sell')) {
    side = trade[0]?.op === 'buy' ? 'buy' : 'sell';
    const incoming = trade.find((l) => l.amount > 0);
    const outgoing = trade.find((l) => l.amount < 0);
    [base, quote] = side === 'buy' ? [incoming, outgoing] : [outgoing, incoming];
  } else {
    return 'mixed';
  }
  if (base === undefined || quote === undefined || base.asset === quote.asset) return 'signs';
  const baseSign = side === 'buy' ? 1 : -1;
  if (Math.sign(base.amount) !== baseSign || Math.sign(quote.amount) !== -baseSign) return 'signs';
  const amount = Math.abs(base.amount);
  const cost = Math.abs(quote.amount);
  return {
    exchange: 'binance', marketType: 'spot', symbol: `${base.asset}/${quote.asset}`, tradeId: null, orderId: null,
    timestamp: first.timestamp, side,
    // 15 digits drop the division's float noise (0.1 / 3 ...) and keep every digit an export writes.
    price: Number((cost / amount).toPrecision(15)), amount, cost,
    feeCost: fee === undefined ? 0 : Math.abs(fee.amount), feeCurrency: fee?.asset ?? null,
    takerOrMaker: null, exchangeRealizedPnl: null,
  };
}

/** Groups the legs by account and second, in file order, and rebuilds what is unambiguous. */
export function fillsFromLegs(legs: readonly StatementLeg[]): LegFills {
  const groups = new Map<string, StatementLeg[]>();
  for (const l of legs) {
    const id = `${l.account}\u0000${l.timestamp}`;
    const g = groups.get(id);
    if (g === undefined) groups.set(id, [l]);
    else g.push(l);
  }
  const fills: LegFills['fills'] = [];
  const refused = new Map<string, number>();
  for (const group of groups.values()) {
    const spot = group[0]?.account.toLowerCase() === 'spot';
    const result = spot ? fillsOf(group) : 'account';
    if (typeof result === 'string') refused.set(REFUSED[result], (refused.get(REFUSED[result]) ?? 0) + group.length);
    else for (const draft of result) fills.push({ draft, line: group[0]?.line ?? 0 });
  }
  return { fills, refused: [...refused].map(([reason, rows]) => ({ reason, rows })) };
}
