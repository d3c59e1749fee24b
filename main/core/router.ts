import { AppError, toErrorPayload } from '../../shared/errors';
import { RequestSchemas, isRequestChannel } from '../../shared/ipc/contract';
import type { RequestChannel, RequestResults, ValidatedInput } from '../../shared/ipc/contract';
import type { Reply } from '../../shared/ipc/wire';
import type { Logger } from '../log/logger';
import type { RequestHandler } from './link';

/** One handler per channel; the compiler checks the map is complete and each result type. */
export type Handlers = { [C in RequestChannel]: (input: ValidatedInput<C>) => Promise<RequestResults[C]> };

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

/**
 * Validates every renderer input with the channel's zod schema before its handler runs, and turns
 * every outcome into a Reply: a hostile or buggy renderer gets a typed error, never a crash.
 */
export function createRouter(handlers: Handlers, logger: Logger): RequestHandler {
  return async (channel, input): Promise<Reply> => {
    if (!isRequestChannel(channel)) {
      logger.warn('request on unknown channel', { channel: typeof channel === 'string' ? channel.slice(0, 64) : typeof channel });
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'That request is not part of the app.' } };
    }
    // Only an omitted argument means "no input"; null is a wrong input like any other.
    const parsed = RequestSchemas[channel].safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      logger.info('invalid request input', { channel, issues });
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid input: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues } };
    }
    try {
      return { ok: true, value: await dispatch(handlers, channel, parsed.data) };
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'INTERNAL') {
        logger.error('request failed', { channel, error });
      } else {
        logger.info('request refused', { channel, code: error.code, message: error.message });
      }
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

/** The only place where a channel name meets its handler; the cast is what ties the two generics. */
function dispatch<C extends RequestChannel>(handlers: Handlers, channel: C, input: unknown): Promise<RequestResults[C]> {
  const handler = handlers[channel] as (input: unknown) => Promise<RequestResults[C]>;
  return handler(input);
}
