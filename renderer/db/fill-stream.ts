import { Dexie } from 'dexie';
import type { Income, Trade } from '../../shared/domain/types';
import { conversionsOf, type ConversionEvents } from '../../shared/journal/conversions';
import { sortFills } from '../../shared/journal/order';
import type { JournalDb } from './schema';

/**
 * Streams one account+symbol's fills in time order through the [accountId+symbol+timestamp]
 * index, a chunk at a time (keyset on the timestamp, never offset()). A chunk always ends on a
 * whole timestamp group, and each group is re-sorted by trade id (shared/journal/order.ts), because
 * the index orders ties by primary key, which is not the exchange's fill order.
 */
export async function* fillsInTimeOrder(db: JournalDb, accountId: string, symbol: string, chunkSize = 2000): AsyncGenerator<Trade[]> {
  let lower = -Infinity;
  let lowerOpen = false;
  for (;;) {
    const rows = await db.trades.where('[accountId+symbol+timestamp]')
      .between([accountId, symbol, lower], [accountId, symbol, Dexie.maxKey], !lowerOpen, true)
      .limit(chunkSize).toArray();
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    if (rows.length < chunkSize) {
      yield sortFills(rows);
      return;
    }
    // Complete the last timestamp group (it may continue past the limit).
    const lastTs = last.timestamp;
    const head = rows.filter((t) => t.timestamp < lastTs);
    const group = await db.trades.where('[accountId+symbol+timestamp]').equals([accountId, symbol, lastTs]).toArray();
    yield sortFills([...head, ...group]);
    lower = lastTs;
    lowerOpen = true;
  }
}

/** Income types the positions computation needs: funding (attributed to positions) and realized P&L (reconciliation). */
const WANTED = new Set<Income['incomeType']>(['FUNDING_FEE', 'REALIZED_PNL']);

/**
 * One keyset-paged pass over an account's income rows ([accountId+timestamp] index), keeping
 * funding and realized-P&L rows of the wanted symbols, grouped by symbol. The income table has no
 * symbol index, so this reads the account's income once per computation rather than once per symbol.
 */
export async function incomeBySymbol(db: JournalDb, accountId: string, symbols: ReadonlySet<string>, chunkSize = 5000): Promise<Map<string, Income[]>> {
  const out = new Map<string, Income[]>();
  let lower = -Infinity;
  let lowerOpen = false;
  for (;;) {
    const rows = await db.income.where('[accountId+timestamp]')
      .between([accountId, lower], [accountId, Dexie.maxKey], !lowerOpen, true)
      .limit(chunkSize).toArray();
    const last = rows[rows.length - 1];
    if (last === undefined) return out;
    const full = rows.length === chunkSize;
    const lastTs = last.timestamp;
    const batch = full
      ? [...rows.filter((r) => r.timestamp < lastTs), ...(await db.income.where('[accountId+timestamp]').equals([accountId, lastTs]).toArray())]
      : rows;
    for (const income of batch) {
      if (income.symbol === null || !WANTED.has(income.incomeType) || !symbols.has(income.symbol)) continue;
      let list = out.get(income.symbol);
      if (list === undefined) out.set(income.symbol, (list = []));
      list.push(income);
    }
    if (!full) return out;
    lower = lastTs;
    lowerOpen = true;
  }
}

/**
 * The spot fills and write-offs that an account's converts and dust make for one symbol
 * (shared/journal/conversions.ts), each in time order. Reads the account's wallet flows once
 * ([accountId+timestamp]; an account has few: Binance serves 100 dust rows and converts are
 * manual), so it is held in memory.
 */
export async function conversionsForSymbol(db: JournalDb, accountId: string, symbol: string): Promise<ConversionEvents> {
  const flows = await db.assetFlows.where('[accountId+timestamp]').between([accountId, -Infinity], [accountId, Dexie.maxKey]).toArray();
  const all = conversionsOf(flows.filter((f) => f.kind === 'convert' || f.kind === 'dust'));
  return { fills: all.fills.filter((f) => f.symbol === symbol), writeOffs: all.writeOffs.filter((w) => w.symbol === symbol) };
}
