/**
 * Electron IPC channel names. Four fixed channels carry the whole typed contract; the request's
 * own channel name travels as data and is validated in main.
 */
export const IPC = {
  request: 'tradelog:request',
  event: 'tradelog:event',
  storeCall: 'tradelog:store-call',
  storeReply: 'tradelog:store-reply',
  storeReady: 'tradelog:store-ready',
} as const;
