/**
 * The first index of `items` (sorted ascending by `key`) whose key is at least `value`, or
 * `items.length` when none is: a binary search, for the places that look up a time or an id in a
 * sorted list.
 */
export function firstIndexAtLeast<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = items[mid];
    if (item !== undefined && key(item) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
