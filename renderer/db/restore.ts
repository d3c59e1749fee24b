import type { Account, AssetFlow, BalanceSnapshot, Checkpoint, Income, Movement, Trade } from '../../shared/domain/types';
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { assertNever } from '../../shared/never';
import { tradeStatsDelta } from './aggregates';
import { addCountingDuplicates } from './bulk-add';
import { repairConvertsAround } from './convert-repair';
import { refreshLabelled } from './labelled-positions';
import { applyDerived, ledgerTables } from './ledger-store';
import { HeaderSchema, RecordLineSchema, ROW_KINDS, zeroCounts } from './export-format';
import type { KindCounts, RecordLine } from './export-format';
import type { ImportSummary, JournalEntry } from './records';
import type { ClosedPnlRow } from '../../shared/domain/closed-pnl-row';
import { SETTINGS_ROW_ID } from './records';
import type { JournalDb } from './schema';
import { applyStatsDelta, statsTables } from './stats-store';

/** Text in arbitrary chunks (a File stream through TextDecoderStream, a string array in tests). */
export type TextChunks = AsyncIterable<string> | Iterable<string>;
/** Called once per pass: restore reads the file twice (validate everything, then write). */
export type RestoreSource = () => TextChunks;

export interface RestoreResult {
  /** Rows stored by this restore. */
  inserted: KindCounts;
  /** Rows already present (or older journal notes than the local ones): left as they are. */
  skipped: KindCounts;
}

const MAX_LINE_CHARS = 4 * 1024 * 1024;
const MAX_ISSUES = 20;

function invalid(issues: { path: string; message: string }[]): AppError {
  return new AppError('INVALID_INPUT', 'This file is not a valid, complete journal export. Nothing was restored.', { issues });
}

async function* linesOf(chunks: TextChunks): AsyncGenerator<{ n: number; text: string }> {
  let buffer = '';
  let n = 0;
  for await (const chunk of chunks) {
    buffer += chunk;
    // Walk the buffer with an index and cut once per chunk: slicing per line would be quadratic
    // when a caller hands over the whole file as one string.
    let start = 0;
    let nl = buffer.indexOf('\n', start);
    while (nl >= 0) {
      n += 1;
      const end = nl > start && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { n, text: buffer.slice(start, end) };
      start = nl + 1;
      nl = buffer.indexOf('\n', start);
    }
    buffer = buffer.slice(start);
    if (buffer.length > MAX_LINE_CHARS) throw invalid([{ path: `line ${n + 1}`, message: 'line is too long' }]);
  }
  if (buffer.length > 0) yield { n: n + 1, text: buffer };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Pass 1: the whole file must be valid before anything is written. */
async function validate(source: RestoreSource): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const counts = zeroCounts();
  const definedAccounts = new Set<string>();
  const referencedAccounts = new Map<string, number>();
  let ended = false;
  const add = (n: number, message: string): void => { issues.push({ path: `line ${n}`, message }); };

  for await (const { n, text } of linesOf(source())) {
    if (issues.length >= MAX_ISSUES) break;
    const json = parseJson(text);
    if (!json.ok) { add(n, 'is not JSON'); continue; }
    if (n === 1) {
      const header = HeaderSchema.safeParse(json.value);
      if (!header.success) add(n, 'is not a Tradelog journal export header (or its format version is not supported)');
      continue;
    }
    if (ended) { add(n, 'comes after the end marker'); continue; }
    const parsed = RecordLineSchema.safeParse(json.value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      add(n, first === undefined ? 'is not a valid record' : `${first.path.join('.') || 'record'}: ${first.message}`);
      continue;
    }
    const line = parsed.data;
    if (line.type === 'end') {
      ended = true;
      for (const kind of ROW_KINDS) {
        if (line.counts[kind] !== counts[kind]) add(n, `says ${line.counts[kind]} ${kind} rows but the file has ${counts[kind]}`);
      }
      continue;
    }
    counts[line.type] += 1;
    if (line.type === 'account') definedAccounts.add(line.row.id);
    else if (line.type !== 'settings' && !referencedAccounts.has(line.row.accountId)) referencedAccounts.set(line.row.accountId, n);
  }
  if (issues.length === 0 && !ended) issues.push({ path: 'file', message: 'is incomplete (no end marker): it may have been cut off' });
  for (const [accountId, n] of referencedAccounts) {
    if (!definedAccounts.has(accountId)) add(n, `belongs to account "${accountId}", which is not in the file`);
  }
  if (issues.length > 0) throw invalid(issues.slice(0, MAX_ISSUES));
}

type DataLine = Exclude<RecordLine, { type: 'end' }>;

/**
 * Pass 2: write in chunks, each its own transaction. Rows are append-only (existing keys are
 * kept, never overwritten), so running a restore twice, or again after an interruption, is safe.
 * Checkpoints are written last: an interrupted restore never leaves a checkpoint pointing past
 * rows that were not stored yet (a later sync would otherwise skip them).
 */
async function write(db: JournalDb, source: RestoreSource, chunkRows: number): Promise<RestoreResult> {
  const inserted = zeroCounts();
  const skipped = zeroCounts();
  const checkpoints: Checkpoint[] = [];
  let buffer: DataLine[] = [];
  const note = (kind: keyof KindCounts, ins: number, total: number): void => { inserted[kind] += ins; skipped[kind] += total - ins; };

  const flush = async (): Promise<void> => {
    const lines = buffer;
    buffer = [];
    const settings: Settings[] = [];
    const accounts: Account[] = [];
    const journal: JournalEntry[] = [];
    const trades: Trade[] = [];
    const movements: Movement[] = [];
    const income: Income[] = [];
    const flows: AssetFlow[] = [];
    const balances: BalanceSnapshot[] = [];
    const summaries: ImportSummary[] = [];
    const closedPnl: ClosedPnlRow[] = [];
    for (const line of lines) {
      switch (line.type) {
        case 'settings': settings.push(line.row); break;
        case 'account': accounts.push(line.row); break;
        case 'checkpoint': checkpoints.push(line.row); break;
        case 'journal': journal.push(line.row); break;
        case 'trade': trades.push(line.row); break;
        case 'movement': movements.push(line.row); break;
        case 'income': income.push(line.row); break;
        case 'flow': flows.push(line.row); break;
        case 'balance': balances.push(line.row); break;
        case 'summary': summaries.push(line.row); break;
        case 'closedPnl': closedPnl.push(line.row); break;
        default: assertNever(line);
      }
    }

    const tables = [db.settings, db.accounts, db.journal, db.trades, db.movements, db.income, db.assetFlows, db.balances, db.importSummaries, db.closedPnlRecords, ...statsTables(db), ...ledgerTables(db)];
    await db.transaction('rw', tables, async () => {
      const s = await addCountingDuplicates(db.settings, settings.map((value) => ({ id: SETTINGS_ROW_ID, value })));
      note('settings', s.inserted.length, settings.length);
      note('account', (await addCountingDuplicates(db.accounts, accounts)).inserted.length, accounts.length);
      // A note edited on both sides: the newer edit wins.
      const local = await db.journal.bulkGet(journal.map((j) => j.key));
      const newer = journal.filter((j, i) => { const l = local[i]; return l === undefined || j.updatedAt > l.updatedAt; });
      await db.journal.bulkPut(newer);
      // The kept copy of labelled positions follows the restored labels and stops (labelled-positions.ts).
      await refreshLabelled(db, newer.map((j) => j.key));
      note('journal', newer.length, journal.length);
      const t = await addCountingDuplicates(db.trades, trades);
      await applyStatsDelta(db, tradeStatsDelta(t.inserted));
      note('trade', t.inserted.length, trades.length);
      note('movement', (await addCountingDuplicates(db.movements, movements)).inserted.length, movements.length);
      const i = await addCountingDuplicates(db.income, income);
      note('income', i.inserted.length, income.length);
      const f = await addCountingDuplicates(db.assetFlows, flows);
      note('flow', f.inserted.length, flows.length);
      note('summary', await mergeSummaries(db, summaries), summaries.length);
      // A backup from a release that stored statement converts one leg per flow: its legs become
      // the paired flows (or go, where the pair is stored), as a file import does (convert-repair.ts).
      const repaired = await repairConvertsAround(db, f.inserted);
      // Restored rows update (or mark for a replay) the derived positions like any other writer.
      await applyDerived(db, t.inserted, i.inserted, Date.now(), [...f.inserted, ...repaired]);
      note('balance', (await addCountingDuplicates(db.balances, balances)).inserted.length, balances.length);
      note('closedPnl', (await addCountingDuplicates(db.closedPnlRecords, closedPnl)).inserted.length, closedPnl.length);
    });
  };

  for await (const { n, text } of linesOf(source())) {
    if (n === 1) continue;
    const parsed = RecordLineSchema.safeParse(JSON.parse(text));
    // Pass 1 accepted this line: a failure now means the file changed between the passes.
    if (!parsed.success) throw invalid([{ path: `line ${n}`, message: 'changed while it was being restored' }]);
    const line = parsed.data;
    switch (line.type) {
      case 'end': break;
      case 'settings': case 'account': case 'checkpoint': case 'journal':
      case 'trade': case 'movement': case 'income': case 'flow': case 'balance': case 'summary': case 'closedPnl':
        buffer.push(line);
        if (buffer.length >= chunkRows) await flush();
        break;
      default: assertNever(line);
    }
  }
  await flush();
  await db.transaction('rw', db.checkpoints, async () => {
    note('checkpoint', (await addCountingDuplicates(db.checkpoints, checkpoints)).inserted.length, checkpoints.length);
  });
  return { inserted, skipped };
}

/**
 * A summary already stored for the same account, kind and symbol/asset is widened to cover both
 * ranges; its row count becomes the larger of the two (the rows themselves dedupe by key, so adding
 * the counts would double a journal restored onto itself). Returns how many summaries changed.
 */
async function mergeSummaries(db: JournalDb, summaries: readonly ImportSummary[]): Promise<number> {
  if (summaries.length === 0) return 0;
  const local = await db.importSummaries.bulkGet(summaries.map((s): [string, string, string] => [s.accountId, s.kind, s.key]));
  const changed = summaries.flatMap((s, i) => {
    const l = local[i];
    if (l === undefined) return [s];
    const merged = { ...l, first: Math.min(l.first, s.first), last: Math.max(l.last, s.last), rows: Math.max(l.rows, s.rows), updatedAt: Math.max(l.updatedAt, s.updatedAt) };
    return merged.first === l.first && merged.last === l.last && merged.rows === l.rows ? [] : [merged];
  });
  await db.importSummaries.bulkPut(changed);
  return changed.length;
}

/**
 * Restores an export. The file is validated completely first (a bad or truncated file is an
 * INVALID_INPUT AppError and nothing is stored), then merged into the current journal: rows that
 * already exist are kept as they are, so restoring the same file twice changes nothing.
 */
export async function restoreJournal(db: JournalDb, source: RestoreSource, options: { chunkRows?: number } = {}): Promise<RestoreResult> {
  await validate(source);
  return write(db, source, options.chunkRows ?? 1000);
}
