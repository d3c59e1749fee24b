/**
 * Page -> store worker messages. The worker serves main's store calls either over its own
 * WebSocket to the browser-mode core, or over a MessagePort that Electron's main process created
 * (transferred with the message). Either way sync batches never touch the UI thread. `page`
 * carries the page's own MessagePort, on which the worker serves the JournalWriterPort: the UI's
 * writes (renderer/db/journal-writer.ts).
 */
export type StoreHostCommand =
  | { kind: 'ws'; url: string; token: string }
  | { kind: 'port' }
  | { kind: 'page' };

/** Worker -> page notices. */
export type StoreHostNotice =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string };
