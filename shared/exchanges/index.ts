export * from './binance';
export * from './bybit';
export * from './urls';
