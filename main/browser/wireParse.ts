import { z } from 'zod';
import { isErrorCode } from '../../shared/errors';
import type { WireMessage } from '../../shared/ipc/wire';

const ErrorPayloadSchema = z.object({
  code: z.string().refine(isErrorCode),
  message: z.string(),
  retryAfterMs: z.number().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const ReplySchema = z.union([
  // A void result (putAccount) serializes without `value`: JSON drops undefined.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
]);

const WireSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('hello'), token: z.string().max(256), role: z.enum(['ui', 'store']) }),
  z.object({ t: z.literal('welcome') }),
  // An omitted argument serializes without `input` (JSON drops undefined): the router reads it as "no input".
  z.object({ t: z.literal('req'), id: z.number().int(), channel: z.string().max(128), input: z.unknown().optional() }),
  z.object({ t: z.literal('res'), id: z.number().int(), reply: ReplySchema }),
  z.object({ t: z.literal('evt'), event: z.string(), payload: z.unknown() }),
  z.object({ t: z.literal('store'), id: z.number().int(), method: z.string(), args: z.array(z.unknown()) }),
  z.object({ t: z.literal('storeRes'), id: z.number().int(), reply: ReplySchema }),
]);

/** Parses one frame from a client; anything that is not a well-formed envelope is null. */
export function parseWireMessage(text: string): WireMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WireSchema.safeParse(json);
  return parsed.success ? (parsed.data as WireMessage) : null;
}
