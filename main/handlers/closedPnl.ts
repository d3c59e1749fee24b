import { AppError } from '../../shared/errors';
import type { AccountsPort } from '../../shared/store/port';
import type { HandlerContext } from '../core/context';
import type { ClosedPnlReader } from '../core/ports';
import type { Handlers } from '../core/router';

/**
 * `journal.closedPnl`: Bybit's closed P&L records of an account, read on demand for the P&L
 * reconciliation report (docs/HISTORY-KINDS.md, "Bybit closed P&L"). The records carry no secret.
 */
export function closedPnlHandlers(ctx: HandlerContext<Pick<AccountsPort, 'getAccount'>, 'clock'>, reader: ClosedPnlReader | undefined): Pick<Handlers, 'journal.closedPnl'> {
  return {
    'journal.closedPnl': async ({ accountId, since }) => {
      const account = await ctx.store.getAccount(accountId);
      if (account === null) throw new AppError('NOT_FOUND', 'That account does not exist (it may have been removed).');
      if (account.exchange !== 'bybit') throw new AppError('INVALID_INPUT', 'Closed P&L records exist on Bybit only.');
      if (reader === undefined) throw new AppError('INTERNAL', 'This app core cannot read closed P&L.');
      return reader.read(account, since, ctx.clock());
    },
  };
}
