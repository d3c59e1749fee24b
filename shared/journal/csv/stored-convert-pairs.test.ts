import { describe, expect, it } from 'vitest';
import type { AssetFlow } from '../../domain/types';
import { importTradesCsv } from './import';
import { toAssetFlow } from './pending-kinds';
import { pairStoredConverts } from './stored-convert-pairs';

const HEADER = 'User_ID,UTC_Time,Account,Operation,Coin,Change,Remark';
const parse = (rows: readonly string[]) => importTradesCsv([HEADER, ...rows].join('\n'), { accountId: 'a' });
/** One flow per convert row: what an earlier release stored. */
const singles = (rows: readonly string[]): AssetFlow[] => parse(rows).pending.map(toAssetFlow);

describe('pairStoredConverts: single-leg statement converts an earlier release stored', () => {
  it('yields exactly the flows a re-import of the file stores, and removes the legs', () => {
    const rows = [
      '1,2024-03-01 10:00:00,Spot,Binance Convert,USDT,-100,',
      '1,2024-03-01 10:00:00,Spot,Binance Convert,BTC,0.002,',
      '1,2024-03-01 10:00:00,Funding,Binance Convert,USDT,-100,',
      '1,2024-03-01 10:00:00,Funding,Binance Convert,BTC,0.002,',
      '1,2024-03-02 10:00:00,Spot,Binance Convert,USDT,-10,',
      '1,2024-03-02 10:00:00,Spot,Binance Convert,ETH,0.002,',
      '1,2024-03-02 10:00:00,Spot,Binance Convert,SOL,0.05,',
      '1,2024-03-03 10:00:00,Spot,Binance Convert,USDT,-5,',
    ];
    const stored = singles(rows);
    const repair = pairStoredConverts(stored);
    const reimport = parse(rows).flows.filter((f) => f.legs.length === 2);
    // Two equal converts in one second in two wallets: both paired, each under its own key.
    expect(repair.add).toHaveLength(2);
    expect(new Set(repair.add.map((f) => f.key)).size).toBe(2);
    expect(repair.add.map((f) => f.key).sort()).toEqual(reimport.map((f) => f.key).sort());
    expect(repair.add.map((f) => f.legs.map((l) => l.wallet))).toEqual(expect.arrayContaining([['spot', 'spot'], ['funding', 'funding']]));
    // The crowded second and the lone leg stay.
    expect(repair.remove.map((f) => f.legs[0]?.asset).sort()).toEqual(['BTC', 'BTC', 'USDT', 'USDT']);
  });

  it('only removes the legs when the pair is stored already (under its key or another), and ignores API converts and other kinds', () => {
    const rows = ['1,2024-03-01 10:00:00,Spot,Binance Convert,USDT,-100,', '1,2024-03-01 10:00:00,Spot,Binance Convert,BTC,0.002,'];
    const pair = parse(rows).flows[0] as AssetFlow;
    expect(pairStoredConverts([...singles(rows), pair])).toEqual({ add: [], remove: singles(rows) });
    expect(pairStoredConverts([...singles(rows), { ...pair, key: 'other', flowId: 'csv-convert-other-0' }]).add).toEqual([]);
    const api = singles(rows).map((f, i) => ({ ...f, key: `api${i}`, flowId: `1234${i}` }));
    const dust = singles(rows).map((f) => ({ ...f, kind: 'dust' as const }));
    expect(pairStoredConverts([...api, ...dust])).toEqual({ add: [], remove: [] });
  });
});
