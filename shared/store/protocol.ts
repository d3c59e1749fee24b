import { isErrorPayload, toErrorPayload } from '../errors';
import type { Reply } from '../ipc/wire';
import { STORE_METHODS } from './port';
import type { StorePort } from './port';

/**
 * The store protocol: how callers reach the ports the window's store Worker serves. Main calls the
 * StorePort; the page calls the JournalWriterPort (renderer/db/journal-writer.ts) over its own
 * MessagePort. The same two messages travel over MessagePorts as they are and over browser mode's
 * WebSocket inside a `t: 'store'` / `t: 'storeRes'` envelope (shared/ipc/wire.ts).
 */

/** caller -> store: one port call. */
export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}

/** store -> caller: the answer to call `id`. */
export interface StoreAnswer {
  id: number;
  reply: Reply;
}

export function isStoreCall(value: unknown): value is StoreCall {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'number' && typeof v.method === 'string' && Array.isArray(v.args);
}

export function isReply(value: unknown): value is Reply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.ok === true || (v.ok === false && isErrorPayload(v.error));
}

/**
 * Reads an answer off the wire: null when it carries no call id (nothing to settle); a STORE_FAILED
 * reply when the id is there but the reply is malformed, so the waiting call ends at once.
 */
export function readStoreAnswer(value: unknown): StoreAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'number') return null;
  if (isReply(v.reply)) return { id: v.id, reply: v.reply };
  return { id: v.id, reply: { ok: false, error: { code: 'STORE_FAILED', message: 'The journal database answered something unexpected.' } } };
}

/**
 * Runs one call against a port the store serves: `methods` is that port's own method list, so
 * nothing else on the object (a constructor, a private helper) is reachable from a message.
 * Arguments were validated where they entered the app (main's request schemas, the engine's own
 * records, the page's writer validates its inputs itself).
 */
export async function answerPortCall<T extends object>(target: T, methods: readonly (keyof T & string)[], call: StoreCall): Promise<StoreAnswer> {
  const method = methods.find((m) => m === call.method);
  if (method === undefined) {
    return { id: call.id, reply: { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown store method.' } } };
  }
  try {
    // Dynamic dispatch over the port's own method list.
    const fn = target[method] as (...args: unknown[]) => Promise<unknown>;
    const value = await fn.apply(target, call.args);
    // A void result has no value: JSON and structured clone both keep null, never undefined.
    return { id: call.id, reply: { ok: true, value: value === undefined ? null : value } };
  } catch (error: unknown) {
    return { id: call.id, reply: { ok: false, error: toErrorPayload(error) } };
  }
}

/** Runs one of main's calls against the StorePort. */
export function answerStoreCall(store: StorePort, call: StoreCall): Promise<StoreAnswer> {
  return answerPortCall(store, STORE_METHODS, call);
}
