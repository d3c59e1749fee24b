import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The repository's own ESLint config (eslint.config.js) keeps components from writing the
 * journal: the store worker is its only writer (docs/ARCHITECTURE.md, who writes what). Linted
 * as if the samples lived in renderer/app/, so a change to the config that drops the rule fails here.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(code: string, filePath = 'renderer/app/journal/Sample.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const WRITER_RULE = /no-restricted-(imports|syntax): .*only writer/;

describe('lint: components never write the journal', () => {
  it('fires on an import of a renderer/db write module or write function', async () => {
    for (const code of [
      "import { storeFileImport } from '../../db/file-import';\nvoid storeFileImport;\n",
      "import { restoreJournal } from '../../db/restore';\nvoid restoreJournal;\n",
      "import { saveJournalEntry } from '../../db/journal-entries';\nvoid saveJournalEntry;\n",
      "import { putCandles } from '../../db/market-cache';\nvoid putCandles;\n",
      "import { purgeCategory } from '../../db/account-admin';\nvoid purgeCategory;\n",
      "import { rebuildPair } from '../../db/ledger-rebuild';\nvoid rebuildPair;\n",
      "import { DexieStore } from '../../db/dexie-store';\nvoid DexieStore;\n",
    ]) {
      expect(await problems(code), code).toEqual([expect.stringMatching(WRITER_RULE)]);
    }
  });

  it('fires on a Dexie write through the db instance', async () => {
    const code = "import type { JournalDb } from '../../db/schema';\nexport async function f(db: JournalDb): Promise<void> {\n  await db.journal.put({ key: 'k' } as never);\n  await db.transaction('rw', db.journal, async () => undefined);\n}\n";
    const found = await problems(code);
    expect(found).toHaveLength(2);
    for (const p of found) expect(p).toMatch(WRITER_RULE);
  });

  it('allows reads, key helpers and types: what components use', async () => {
    const code = [
      "import type { JournalDb } from '../../db/schema';",
      "import type { FileImportOutcome } from '../../db/file-import';",
      "import { journalEntriesFor, playbookKey } from '../../db/journal-entries';",
      "import { cachedCandles } from '../../db/market-cache';",
      'export async function f(db: JournalDb, o: FileImportOutcome): Promise<unknown> {',
      "  return [o, playbookKey('x'), await journalEntriesFor(db, ['k']), await cachedCandles(db, 's', { from: 0, to: 1 }), await db.journal.get('k')];",
      '}',
      '',
    ].join('\n');
    expect(await problems(code)).toEqual([]);
  });

  it('applies to components only: the store worker and tests may write', async () => {
    const code = "import { storeFileImport } from './file-import';\nvoid storeFileImport;\n";
    expect(await problems(code, 'renderer/db/dexie-journal-writer-sample.ts')).toEqual([]);
    expect(await problems("import { storeFileImport } from '../../db/file-import';\nvoid storeFileImport;\n", 'renderer/app/journal/Sample.test.ts')).toEqual([]);
  });
});
