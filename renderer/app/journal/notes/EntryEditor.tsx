import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { JournalEntry } from '../../../db/records';
import { Field } from '../../common/Field';
import { useAction } from '../../common/useAction';
import { useBooted } from '../../context';
import type { JournalTarget } from '../state/journalStore';
import { useJournalStore } from '../state/journalStore';
import { saveEntry } from './journalEntries';
import { joinLabels, parseTagList, splitLabels } from './labels';
import { MarkdownText } from './MarkdownText';

/** The journal entry of the target the store points at (a trade or a position), in a card. */
export function EntryEditorPanel() {
  const { db } = useBooted();
  const target = useJournalStore((s) => s.target);
  const entry = useLiveQuery(async () => (target === null ? null : (await db.journal.get(target.key)) ?? null), [db, target]);
  if (target === null || entry === undefined) return null;
  // Keyed by the stored version: a save from elsewhere (another window) resets the form.
  return <EntryForm key={`${target.key}@${entry?.updatedAt ?? 0}`} target={target} entry={entry} />;
}

function EntryForm({ target, entry }: { target: JournalTarget; entry: JournalEntry | null }) {
  const { writer } = useBooted();
  const labels = splitLabels(entry?.tags ?? []);
  const [note, setNote] = useState(entry?.note ?? '');
  const [tags, setTags] = useState(labels.tags.join(', '));
  const [setups, setSetups] = useState(labels.setups.join(', '));
  const [mistakes, setMistakes] = useState(labels.mistakes.join(', '));
  const [rating, setRating] = useState<number | null>(entry?.rating ?? null);
  const [preview, setPreview] = useState(false);
  const save = useAction(async () => {
    await saveEntry(writer, {
      key: target.key, kind: target.kind, accountId: target.accountId, note, rating,
      tags: joinLabels({ tags: parseTagList(tags), setups: parseTagList(setups), mistakes: parseTagList(mistakes) }),
    });
  }, 'The journal entry could not be saved.');
  const close = () => useJournalStore.getState().editTarget(null);

  return (
    <section className="card jr-editor" data-testid="entry-editor" aria-label="Journal entry">
      <div className="row spread">
        <h3>{target.kind === 'trade' ? 'Trade' : target.kind === 'day' ? 'Daily note' : target.kind === 'playbook' ? 'Playbook (setup rules)' : 'Position'} journal</h3>
        <button type="button" className="link" onClick={close} aria-label="Close the journal entry">✕</button>
      </div>
      <p className="muted small">{target.label}</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
        <Field label="Note (markdown-lite: **bold**, - lists)">
          {preview
            ? <div className="jr-preview"><MarkdownText source={note} /></div>
            : <textarea rows={6} value={note} onChange={(e) => setNote(e.target.value)} data-testid="entry-note" />}
        </Field>
        <button type="button" className="link" onClick={() => setPreview(!preview)}>{preview ? 'Edit' : 'Preview'}</button>
        <Field label="Tags" hint="comma separated"><input value={tags} onChange={(e) => setTags(e.target.value)} data-testid="entry-tags" /></Field>
        <Field label="Setup"><input value={setups} onChange={(e) => setSetups(e.target.value)} placeholder="breakout, pullback" data-testid="entry-setups" /></Field>
        <Field label="Mistakes"><input value={mistakes} onChange={(e) => setMistakes(e.target.value)} placeholder="fomo, moved stop" data-testid="entry-mistakes" /></Field>
        <div className="field">
          <span className="field-label">Rating</span>
          <div className="row" role="radiogroup" aria-label="Rating">
            {[1, 2, 3, 4, 5].map((r) => (
              <button key={r} type="button" role="radio" aria-checked={rating === r} className={rating !== null && r <= rating ? 'jr-star on' : 'jr-star'} onClick={() => setRating(r)}>★</button>
            ))}
            <button type="button" className="link" onClick={() => setRating(null)}>clear</button>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.busy} data-testid="entry-save">Save</button>
          <button type="button" onClick={close}>Close</button>
          {save.error !== null && <span className="error" role="alert">{save.error}</span>}
        </div>
        <p className="muted small">Saving an empty entry deletes it. Entries are keyed by the trade/position key, so they survive re-syncs.</p>
      </form>
    </section>
  );
}
