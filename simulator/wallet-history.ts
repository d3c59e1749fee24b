import type { Rng } from './random';
import type { SimConvert, SimDividend, SimDust, SimIncome, SimMovement, SimTrade, SimTransfer } from './types';

/**
 * Binance wallet history beyond fills: Convert trades, dust conversions to BNB, distributions
 * (Simple Earn interest, staking rewards, airdrops) and transfers between the spot, funding and
 * USD-M wallets. Drawn from their own random stream, so adding them leaves every fill, income row
 * and movement of a seeded history as it was.
 */

export interface WalletHistoryOptions {
  start: number;
  end: number;
  spotBases: readonly string[];
}

function timeIn(rng: Rng, start: number, end: number): number {
  return start + Math.floor(rng.next() * (end - start));
}

export interface WalletHistory {
  converts: SimConvert[];
  dust: SimDust[];
  dividends: SimDividend[];
  transfers: SimTransfer[];
}

export function makeWalletHistory(rng: Rng, nextSeq: () => number, options: WalletHistoryOptions): WalletHistory {
  const { start, end } = options;
  const bases = options.spotBases.length > 0 ? options.spotBases : ['BTC'];
  const converts: SimConvert[] = [];
  for (let i = 0; i < 4; i++) {
    const base = rng.pick(bases);
    const usdt = rng.int(20, 500);
    const toBase = rng.chance(0.5);
    const baseAmount = (usdt / (10 + rng.int(1, 1000))).toFixed(8);
    converts.push({
      orderId: 940_708_407_462_087_000 + rng.int(1, 999), quoteId: rng.hex(32), seq: nextSeq(), time: timeIn(rng, start, end),
      fromAsset: toBase ? 'USDT' : base, fromAmount: toBase ? usdt.toFixed(8) : baseAmount,
      toAsset: toBase ? base : 'USDT', toAmount: toBase ? baseAmount : usdt.toFixed(8),
    });
  }
  const dust: SimDust[] = [];
  for (let i = 0; i < 2; i++) {
    const details = [rng.pick(bases), 'USDT'].map((fromAsset) => {
      const transfered = rng.int(100, 9000) / 1e8;
      const charge = Math.round(transfered * 0.02 * 1e8) / 1e8;
      return { fromAsset, amount: (rng.int(1, 900) / 1e6).toFixed(8), transferedAmount: transfered.toFixed(8), serviceChargeAmount: charge.toFixed(8) };
    });
    dust.push({ transId: 70_899_815_863 + rng.int(1, 99_999), seq: nextSeq(), time: timeIn(rng, start, end), details });
  }
  const dividends: SimDividend[] = [];
  const infos = ['Simple Earn Flexible Interest', 'ETH 2.0 Staking Rewards', 'BHFT distribution', 'BNB Vault Rewards', 'Launchpool Rewards'];
  for (let i = 0; i < 5; i++) {
    dividends.push({
      id: 1_637_366_104 + rng.int(1, 99_999) * 10 + i, tranId: 2_968_885_920 + rng.int(1, 99_999), seq: nextSeq(), time: timeIn(rng, start, end),
      asset: i % 2 === 0 ? 'USDT' : rng.pick(bases), amount: (rng.int(1, 5000) / 1e4).toFixed(8), enInfo: infos[i % infos.length] ?? 'distribution', direction: 1,
    });
  }
  const transfers: SimTransfer[] = [];
  for (let i = 0; i < 2; i++) {
    const t = timeIn(rng, start, end);
    const amount = rng.int(10, 300).toFixed(8);
    transfers.push({ tranId: 43_000_126_248 + rng.int(1, 999_999), seq: nextSeq(), time: t, type: 'MAIN_FUNDING', asset: 'USDT', amount });
    transfers.push({ tranId: 43_000_126_248 + rng.int(1, 999_999), seq: nextSeq(), time: t + 3_600_000, type: 'FUNDING_MAIN', asset: 'USDT', amount });
  }
  const byTime = <T extends { time: number; seq: number }>(rows: T[]): T[] => rows.sort((a, b) => a.time - b.time || a.seq - b.seq);
  return { converts: byTime(converts), dust: byTime(dust), dividends: byTime(dividends), transfers: byTime(transfers) };
}

/** Everything that takes an asset out of the account, summed per asset: an upper bound of what an opening deposit must cover. */
export function outflows(trades: readonly SimTrade[], income: readonly SimIncome[], movements: readonly SimMovement[], wallet: WalletHistory, baseOf: (symbol: string) => string, quoteOf: (symbol: string) => string = () => 'USDT'): Map<string, number> {
  const out = new Map<string, number>();
  const add = (asset: string, amount: number): void => {
    out.set(asset, (out.get(asset) ?? 0) + Math.abs(amount));
  };
  for (const t of trades) {
    if (t.marketType !== 'spot') continue;
    if (t.side === 'BUY') add(quoteOf(t.symbol), Number(t.quoteQty));
    else add(baseOf(t.symbol), Number(t.qty));
    add(t.commissionAsset, Number(t.commission));
  }
  for (const i of income) if (Number(i.income) < 0) add(i.asset, Number(i.income));
  for (const m of movements) if (m.type === 'withdrawal') add(m.coin, Number(m.amount) + Number(m.fee));
  for (const c of wallet.converts) add(c.fromAsset, Number(c.fromAmount));
  for (const d of wallet.dust) for (const x of d.details) add(x.fromAsset, Number(x.amount));
  for (const t of wallet.transfers) add(t.asset, Number(t.amount));
  return out;
}
