import { UTC_ZONE, zoneClock } from '../../../shared/time/zone';

/** Display formatting for the journal view. Times are shown in the trader's zone (settings), stored in UTC. */

/** `YYYY-MM-DD HH:MM:SS` in `zone` (default UTC); the caller labels the zone. */
export function formatTime(t: number, zone: string = UTC_ZONE): string {
  return zoneClock(zone).dateTime(t);
}

// One formatter per precision: toLocaleString builds a new Intl.NumberFormat per call, which
// dominated the trade table's render time while scrolling.
const formatters = new Map<number, Intl.NumberFormat>();

function formatterFor(maxDecimals: number): Intl.NumberFormat {
  let f = formatters.get(maxDecimals);
  if (f === undefined) formatters.set(maxDecimals, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDecimals, useGrouping: true })));
  return f;
}

/** Up to `maxDecimals` decimals (default 8), no exponent for the usual ranges, grouped thousands. */
export function formatNumber(value: number, maxDecimals = 8): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '-∞' : '—';
  const text = formatterFor(maxDecimals).format(value);
  // A tiny negative (float noise) rounds to "-0": show it as zero.
  return /^-0(\.0*)?$/.test(text) ? '0' : text;
}

export function formatMoney(value: number | null): string {
  if (value === null) return '—';
  return formatNumber(value, 2);
}

export function formatSigned(value: number | null): string {
  if (value === null) return '—';
  const text = formatMoney(value);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function formatDurationMs(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** CSS class for a P&L number. */
export function pnlClass(value: number | null | undefined): string {
  if (value === null || value === undefined || value === 0) return '';
  return value > 0 ? 'pnl-up' : 'pnl-down';
}
