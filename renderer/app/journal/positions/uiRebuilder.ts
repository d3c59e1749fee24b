import { LedgerRebuilder } from '../../../db/ledger-rebuilder';
import type { JournalDb } from '../../../db/schema';

/** Yields to the event loop between chunks: a replay here must never block input for long. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let current: { db: JournalDb; rebuilder: LedgerRebuilder } | null = null;

/**
 * After a write made on this thread (CSV import, restore), replays the symbols it left stale.
 * The store worker replays after its own commits; the two share a Web Lock, so only one runs.
 */
export function rebuildStaleSoon(db: JournalDb): void {
  if (current?.db !== db) {
    current?.rebuilder.dispose();
    current = { db, rebuilder: new LedgerRebuilder(db, { pause: breathe, delayMs: 500 }) };
  }
  current.rebuilder.poke();
}
