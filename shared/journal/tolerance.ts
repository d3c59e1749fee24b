/**
 * Quantities are floats (the exchanges send decimals). A position counts as flat when what is
 * left is below this fraction of the quantity involved, so 0.1 + 0.2 - 0.3 does not leave a
 * phantom 5.5e-17 BTC position open forever. 1e-9 is far below any exchange's lot size.
 */
export const RELATIVE_QTY_EPSILON = 1e-9;

/** True when `remaining` is dust relative to `scale` (both non-negative). */
export function isDust(remaining: number, scale: number): boolean {
  return remaining <= RELATIVE_QTY_EPSILON * Math.max(scale, Number.MIN_VALUE);
}
