export { createAdapter } from './create-adapter';
export { BinanceAdapter } from './binance/adapter';
export { BybitAdapter } from './bybit/adapter';
export { shouldWarnBaseUrl, isLoopbackUrl, rewriteApiUrls } from './urls';
export type * from './adapter';
