import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import type { Position } from '../../../../shared/journal/types';
import type { JournalEntry, JournalTargetKind } from '../../../db/records';
import { useBooted } from '../../context';
import { formatSigned, formatTime } from '../format';
import { useJournalStore } from '../state/journalStore';
import { searchEntries } from './journalEntries';
import type { EntrySearch } from './journalEntries';
import { splitLabels } from './labels';
import { MarkdownText } from './MarkdownText';

/** Journal entries: search by text, tag/setup/mistake label, rating and kind. */
export function NotesPanel() {
  const { db } = useBooted();
  const accountId = useJournalStore((s) => s.filters.accountId);
  // The tag/label filter is the filter bar's, so one choice applies to trades, positions and notes.
  const tag = useJournalStore((s) => s.filters.tag);
  const [text, setText] = useState('');
  const [minRating, setMinRating] = useState<number | null>(null);
  const [kind, setKind] = useState<JournalTargetKind | null>(null);
  const search: EntrySearch = { accountId, tag, text, minRating, kind };
  const searchJson = JSON.stringify(search);
  const entries = useLiveQuery(() => searchEntries(db, JSON.parse(searchJson) as EntrySearch), [db, searchJson]);
  const tradeKeys = JSON.stringify((entries ?? []).filter((e) => e.kind === 'trade').map((e) => e.key));
  const positionKeys = JSON.stringify((entries ?? []).filter((e) => e.kind === 'position').map((e) => e.key));
  // Positions are stored (derived, keyed by id): describe a position entry from its row.
  const positions = useLiveQuery(async () => {
    const keys = JSON.parse(positionKeys) as string[];
    const found = new Map<string, Position>();
    for (const row of await db.positions.bulkGet(keys)) if (row !== undefined) found.set(row.id, row);
    return found;
  }, [db, positionKeys]);
  const trades = useLiveQuery(async () => {
    const found = await db.trades.bulkGet(JSON.parse(tradeKeys) as string[]);
    return new Map(found.filter((t): t is Trade => t !== undefined).map((t) => [t.key, t]));
  }, [db, tradeKeys]);

  return (
    <div className="stack" data-testid="notes-panel">
      <div className="row jr-filters">
        <input type="search" placeholder="Search notes and tags" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search notes" data-testid="notes-search" />
        <select value={minRating ?? ''} onChange={(e) => setMinRating(e.target.value === '' ? null : Number(e.target.value))} aria-label="Minimum rating">
          <option value="">Any rating</option>
          {[1, 2, 3, 4, 5].map((r) => <option key={r} value={r}>{'★'.repeat(r)} or more</option>)}
        </select>
        <select value={kind ?? ''} onChange={(e) => setKind(e.target.value === 'trade' || e.target.value === 'position' ? e.target.value : null)} aria-label="Entry kind">
          <option value="">Trades and positions</option>
          <option value="trade">Trades</option>
          <option value="position">Positions</option>
        </select>
      </div>
      {entries === undefined ? <p className="muted">Loading entries…</p>
        : entries.length === 0 ? <p className="muted">No journal entries match. Open a trade or a position to write one.</p>
        : entries.map((e) => <EntryCard key={e.key} entry={e} trade={trades?.get(e.key)} position={positions?.get(e.key)} />)}
    </div>
  );
}

function describe(entry: JournalEntry, trade: Trade | undefined, position: Position | undefined): string {
  if (trade !== undefined) return `${trade.symbol} ${trade.side} ${trade.amount} @ ${trade.price} · ${formatTime(trade.timestamp)}`;
  if (position !== undefined) return `${position.symbol} ${position.direction} position · opened ${formatTime(position.openedAt)} · ${position.status} · net ${formatSigned(position.netPnl)} ${position.quoteCurrency}`;
  if (entry.kind === 'day') return `Daily note · ${entry.key.slice('day:'.length)}`;
  if (entry.kind === 'playbook') return `Playbook · ${entry.key.slice('playbook:'.length)}`;
  return entry.kind === 'position' ? `Position opened by fill ${entry.key.split('|').slice(-2).join(' #')} (its symbol has not been computed)` : entry.key;
}

function EntryCard({ entry, trade, position }: { entry: JournalEntry; trade: Trade | undefined; position: Position | undefined }) {
  const labels = splitLabels(entry.tags);
  const open = () => useJournalStore.getState().editTarget({ key: entry.key, kind: entry.kind, accountId: entry.accountId, label: describe(entry, trade, position) });
  return (
    <article className="card jr-entry" data-testid="journal-entry">
      <div className="row spread">
        <strong>{describe(entry, trade, position)}</strong>
        <span className="row">
          {entry.rating !== null && <span className="jr-rating" aria-label={`rated ${entry.rating} of 5`}>{'★'.repeat(entry.rating)}</span>}
          <button type="button" onClick={open}>Edit</button>
        </span>
      </div>
      <div className="row small">
        {labels.setups.map((s) => <span key={`s${s}`} className="pill jr-setup">setup: {s}</span>)}
        {labels.mistakes.map((m) => <span key={`m${m}`} className="pill jr-mistake">mistake: {m}</span>)}
        {labels.tags.map((t) => <span key={`t${t}`} className="pill">#{t}</span>)}
      </div>
      {entry.note.trim() !== '' && <MarkdownText source={entry.note} />}
      <p className="muted small">edited {formatTime(entry.updatedAt)} UTC</p>
    </article>
  );
}
