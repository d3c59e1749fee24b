import type { Income, Trade } from '../../../../shared/domain/types';
import { candleStart, type Candle, type Timeframe } from '../../../../shared/market/candles';
import { zoneClock } from '../../../../shared/time/zone';

/**
 * Chart data for lightweight-charts (pure). The library draws its time axis in UTC, so times are
 * shifted to the trader's zone's wall clock here: the axis then reads in that zone. Markers sit
 * on the candle that holds their time (the library places markers on bars).
 */

export interface ChartBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface ChartMarker {
  time: number;
  position: 'aboveBar' | 'belowBar';
  shape: 'arrowUp' | 'arrowDown' | 'circle';
  color: string;
  text: string;
  kind: 'fill' | 'funding';
}

const BUY = '#26a269';
const SELL = '#c01c28';
const FUNDING = '#c88800';

export function zonedSeconds(t: number, zone: string): number {
  return Math.floor(zoneClock(zone).wall(t) / 1000);
}

export function chartBars(candles: readonly Candle[], zone: string): ChartBar[] {
  const out: ChartBar[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const c of candles) {
    const time = zonedSeconds(c.t, zone);
    // A DST fall-back repeats an hour of wall clock: the library needs strictly rising times.
    if (time <= last) continue;
    last = time;
    out.push({ time, open: c.o, high: c.h, low: c.l, close: c.c });
  }
  return out;
}

function qty(n: number): string {
  return Number(n.toPrecision(6)).toString();
}

export function chartMarkers(fills: readonly Trade[], funding: readonly Income[], timeframe: Timeframe, zone: string): ChartMarker[] {
  const markers: ChartMarker[] = [];
  // Many fills: the letter only (the price lines and the fills table carry the numbers).
  const terse = fills.length > 8;
  for (const f of fills) {
    const buy = f.side === 'buy';
    markers.push({
      time: zonedSeconds(candleStart(f.timestamp, timeframe), zone), kind: 'fill',
      position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown', color: buy ? BUY : SELL,
      text: terse ? (buy ? 'B' : 'S') : `${buy ? 'B' : 'S'} ${qty(f.amount)} @ ${qty(f.price)}`,
    });
  }
  for (const r of funding) {
    markers.push({
      time: zonedSeconds(candleStart(r.timestamp, timeframe), zone), kind: 'funding',
      position: 'aboveBar', shape: 'circle', color: FUNDING, text: `F ${r.amount >= 0 ? '+' : ''}${qty(r.amount)}`,
    });
  }
  return markers.sort((a, b) => a.time - b.time);
}
