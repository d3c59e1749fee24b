import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Trade } from '../../../../shared/domain/types';
import type { JournalEntry, JournalTargetKind } from '../../../db/records';
import { useBooted } from '../../context';
import { formatTime } from '../format';
import { useJournalStore } from '../state/journalStore';
import { allTags, searchEntries } from './journalEntries';
import type { EntrySearch } from './journalEntries';
import { splitLabels } from './labels';
import { MarkdownText } from './MarkdownText';

/** Journal entries: search by text, tag/setup/mistake label, rating and kind. */
export function NotesPanel() {
  const { db } = useBooted();
  const accountId = useJournalStore((s) => s.filters.accountId);
  const [text, setText] = useState('');
  const [tag, setTag] = useState('');
  const [minRating, setMinRating] = useState<number | null>(null);
  const [kind, setKind] = useState<JournalTargetKind | null>(null);
  const search: EntrySearch = { accountId, tag, text, minRating, kind };
  const searchJson = JSON.stringify(search);
  const entries = useLiveQuery(() => searchEntries(db, JSON.parse(searchJson) as EntrySearch), [db, searchJson]);
  const tags = useLiveQuery(() => allTags(db), [db]) ?? [];
  const tradeKeys = JSON.stringify((entries ?? []).filter((e) => e.kind === 'trade').map((e) => e.key));
  const trades = useLiveQuery(async () => {
    const found = await db.trades.bulkGet(JSON.parse(tradeKeys) as string[]);
    return new Map(found.filter((t): t is Trade => t !== undefined).map((t) => [t.key, t]));
  }, [db, tradeKeys]);

  return (
    <div className="stack" data-testid="notes-panel">
      <div className="row jr-filters">
        <input type="search" placeholder="Search notes and tags" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search notes" data-testid="notes-search" />
        <select value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Tag or label">
          <option value="">Any tag or label</option>
          {tags.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
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
        : entries.map((e) => <EntryCard key={e.key} entry={e} trade={trades?.get(e.key)} />)}
    </div>
  );
}

function describe(entry: JournalEntry, trade: Trade | undefined): string {
  if (trade !== undefined) return `${trade.symbol} ${trade.side} ${trade.amount} @ ${trade.price} · ${formatTime(trade.timestamp)}`;
  return entry.kind === 'position' ? `Position opened by ${entry.key}` : entry.key;
}

function EntryCard({ entry, trade }: { entry: JournalEntry; trade: Trade | undefined }) {
  const labels = splitLabels(entry.tags);
  const open = () => useJournalStore.getState().editTarget({ key: entry.key, kind: entry.kind, accountId: entry.accountId, label: describe(entry, trade) });
  return (
    <article className="card jr-entry" data-testid="journal-entry">
      <div className="row spread">
        <strong>{describe(entry, trade)}</strong>
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
