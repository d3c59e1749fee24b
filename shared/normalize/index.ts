export { normalizeTrades } from './trades';
export { normalizeMovements, type MovementContext } from './movements';
export { normalizeIncome, type IncomeContext } from './income';
export { DEFAULT_FUTURE_TOLERANCE_MS, type MarketContext, type NormalizeContext } from './context';
export { REASONS, type Normalized } from './report';
export { normalizeFlows, type FlowContext } from './flows';
