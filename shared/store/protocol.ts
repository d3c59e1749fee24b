import { isErrorPayload, toErrorPayload } from '../errors';
import type { Reply } from '../ipc/wire';
import { STORE_METHODS } from './port';
import type { StoreMethod, StorePort } from './port';

/**
 * The store protocol: how main calls the StorePort that the window's store Worker serves. The
 * same two messages travel over Electron's MessagePort as they are and over browser mode's
 * WebSocket inside a `t: 'store'` / `t: 'storeRes'` envelope (shared/ipc/wire.ts).
 */

/** main -> store: one port call. */
export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}

/** store -> main: the answer to call `id`. */
export interface StoreAnswer {
  id: number;
  reply: Reply;
}

export function isStoreMethod(value: unknown): value is StoreMethod {
  return typeof value === 'string' && (STORE_METHODS as readonly string[]).includes(value);
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
 * Runs one call against the store. Arguments were validated where they entered the app (main's
 * request schemas, the engine's own records); the method name is checked against the port's list.
 */
export async function answerStoreCall(store: StorePort, call: StoreCall): Promise<StoreAnswer> {
  if (!isStoreMethod(call.method)) {
    return { id: call.id, reply: { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown store method.' } } };
  }
  try {
    // Dynamic dispatch over the port's own method list (STORE_METHODS).
    const fn = store[call.method] as (...args: unknown[]) => Promise<unknown>;
    const value = await fn.apply(store, call.args);
    // A void result has no value: JSON and structured clone both keep null, never undefined.
    return { id: call.id, reply: { ok: true, value: value === undefined ? null : value } };
  } catch (error: unknown) {
    return { id: call.id, reply: { ok: false, error: toErrorPayload(error) } };
  }
}
