import type { Account, MarketType } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/errors';
import { CSV_TRADE_FORMATS, importTradesCsv } from '../../../../shared/journal/csv/import';
import type { ImportResult } from '../../../../shared/journal/csv/import';

/** What the import form shows before anything is written. */
export type ImportPreview =
  | { ok: true; result: ImportResult; formatLabel: string; problems: string[] }
  | { ok: false; message: string; issues: string[] };

export interface PreviewOptions {
  marketType: MarketType | null;
  /** Keep only rows older than this (ms), or null for all rows. */
  before: number | null;
  /** The picked file's name (Binance puts the export's UTC offset there). */
  fileName?: string;
}

/**
 * Parses an exchange's trade-history export for an existing account, leniently (good rows and
 * rejected lines both come back). A file of another exchange than the account's is refused:
 * its keys would never match the account's synced trades.
 */
export function previewImport(text: string, account: Pick<Account, 'id' | 'exchange'>, options: PreviewOptions): ImportPreview {
  let result: ImportResult;
  try {
    result = importTradesCsv(text, {
      accountId: account.id,
      mode: 'lenient',
      ...(options.marketType === null ? {} : { marketType: options.marketType }),
      ...(options.before === null ? {} : { before: options.before }),
      ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    });
  } catch (e) {
    if (e instanceof AppError) return { ok: false, message: e.message, issues: (e.issues ?? []).map((i) => `${i.path}: ${i.message}`) };
    return { ok: false, message: 'The file could not be read.', issues: [] };
  }
  const formatLabel = CSV_TRADE_FORMATS.find((f) => f.id === result.format)?.label ?? result.format;
  const problems: string[] = [];
  const rows: { exchange: string }[] = [...result.trades, ...result.income, ...result.movements, ...result.pending, ...result.closedPnl];
  const foreign = rows.filter((t) => t.exchange !== account.exchange);
  if (foreign.length > 0) {
    const exchange = foreign[0]?.exchange ?? '?';
    problems.push(`${foreign.length} row${foreign.length === 1 ? ' is' : 's are'} from ${exchange}, but this account is a ${account.exchange} account.`);
  }
  return { ok: true, result, formatLabel, problems };
}
