export { startSimulator, DEMO_CREDENTIALS, type Simulator, type SimulatorOptions, type SimulatorKeyOptions } from './server';
export type { Fault, FaultMatch } from './faults';
export type { HistoryOptions } from './history';
export type { SimHistory, SimTrade, SimIncome, SimMovement, SimMarket } from './types';
export { transactionLog } from './bybit-wire';
