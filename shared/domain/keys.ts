import type { AssetFlowKind, ExchangeId, IncomeType, MarketType, MovementType, SyncStream } from './types';

/**
 * Unique keys. The separator cannot occur in any component we accept (ids and symbols are
 * validated upstream), so keys never collide across components.
 * Trade ids repeat across symbols on Binance, hence symbol is part of the key (docs/ARCHITECTURE.md, invariant 1).
 */
const SEP = '|';

export function tradeKey(exchange: ExchangeId, accountId: string, marketType: MarketType, symbol: string, tradeId: string): string {
  return [exchange, accountId, marketType, symbol, tradeId].join(SEP);
}

export function movementKey(exchange: ExchangeId, accountId: string, type: MovementType, movementId: string): string {
  return [exchange, accountId, type, movementId].join(SEP);
}

export function incomeKey(exchange: ExchangeId, accountId: string, incomeType: string | IncomeType, incomeId: string): string {
  return [exchange, accountId, incomeType, incomeId].join(SEP);
}

export function assetFlowKey(exchange: ExchangeId, accountId: string, kind: AssetFlowKind, flowId: string): string {
  return [exchange, accountId, kind, flowId].join(SEP);
}

export function checkpointKey(accountId: string, stream: SyncStream, marketType: MarketType | null, symbol: string): string {
  return [accountId, stream, marketType ?? '-', symbol].join(SEP);
}

export function balanceSnapshotKey(accountId: string, marketType: MarketType, timestamp: number): string {
  return [accountId, marketType, String(timestamp)].join(SEP);
}

/** True when a key component is usable (no separator, not empty). */
export function isKeySafe(component: string): boolean {
  return component.length > 0 && !component.includes(SEP);
}
