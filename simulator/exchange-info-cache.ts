import type { SimMarket } from './types';

/**
 * Rendered exchangeInfo symbol lists, cached: a real-size listing (~2,500 spot symbols, a few MB
 * of JSON) would otherwise be rebuilt and serialized on every request. A list depends only on
 * the markets, which of them are delisted by now, and the status filter; the cache is keyed by
 * those, so a market delisted meanwhile (`SimState.delist`) renders a new list.
 */
export class SymbolListCache {
  private readonly entries = new Map<string, string>();

  /** JSON array of `render(m)` for every market whose rendered `status` passes `wanted`. */
  json(markets: readonly SimMarket[], now: number, wanted: string | null, render: (m: SimMarket, now: number) => Record<string, unknown>): string {
    let delisted = 0;
    let lastDelistedAt = 0;
    for (const m of markets) {
      if (m.delistedAt !== undefined && m.delistedAt <= now) {
        delisted++;
        lastDelistedAt = Math.max(lastDelistedAt, m.delistedAt);
      }
    }
    const key = `${wanted ?? '*'}|${markets.length}|${delisted}|${lastDelistedAt}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const body = JSON.stringify(markets.map((m) => render(m, now)).filter((s) => wanted === null || s['status'] === wanted));
    // A handful of keys per run (filters x delistings); never let a long-lived demo grow it.
    if (this.entries.size > 32) this.entries.clear();
    this.entries.set(key, body);
    return body;
  }
}
