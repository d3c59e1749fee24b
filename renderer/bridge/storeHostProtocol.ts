/**
 * Page -> store worker messages. The worker serves main's store calls either over its own
 * WebSocket to the browser-mode core, or over a MessagePort that Electron's main process created
 * (transferred with the message). Either way sync batches never touch the UI thread.
 */
export type StoreHostCommand =
  | { kind: 'ws'; url: string; token: string }
  | { kind: 'port' };

/** Worker -> page notices. */
export type StoreHostNotice =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string };
