/**
 * Setup and mistake labels are stored as prefixed tags (`setup:breakout`, `mistake:fomo`) in
 * JournalEntry.tags, so the journal table's `*tags` index filters by them too and the record
 * shape of renderer/db stays as it is.
 */
export const SETUP_PREFIX = 'setup:';
export const MISTAKE_PREFIX = 'mistake:';

export interface EntryLabels {
  tags: string[];
  setups: string[];
  mistakes: string[];
}

/** One tag as typed: trimmed, leading `#` dropped, inner whitespace -> `-`, lower case. '' when nothing is left. */
export function normalizeTag(raw: string): string {
  return raw.trim().replace(/^#+/, '').trim().replace(/\s+/g, '-').toLowerCase();
}

/** `a, #b  c,,a` -> ['a', 'b-c']: comma separated, normalized, unique, in first-seen order. */
export function parseTagList(input: string): string[] {
  const out: string[] = [];
  for (const part of input.split(',')) {
    const tag = normalizeTag(part);
    if (tag !== '' && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export function splitLabels(stored: readonly string[]): EntryLabels {
  const labels: EntryLabels = { tags: [], setups: [], mistakes: [] };
  for (const tag of stored) {
    if (tag.startsWith(SETUP_PREFIX)) labels.setups.push(tag.slice(SETUP_PREFIX.length));
    else if (tag.startsWith(MISTAKE_PREFIX)) labels.mistakes.push(tag.slice(MISTAKE_PREFIX.length));
    else labels.tags.push(tag);
  }
  return labels;
}

/** Plain tags that look prefixed lose the prefix meaning: a typed `setup:x` tag becomes a setup label, which is what the user meant. */
export function joinLabels(labels: EntryLabels): string[] {
  const all = [
    ...labels.tags,
    ...labels.setups.map((s) => `${SETUP_PREFIX}${s}`),
    ...labels.mistakes.map((m) => `${MISTAKE_PREFIX}${m}`),
  ];
  return [...new Set(all.filter((t) => t !== '' && t !== SETUP_PREFIX && t !== MISTAKE_PREFIX))];
}

/** Clamps a rating input to 1..5, or null. */
export function normalizeRating(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const r = Math.round(value);
  return r < 1 ? null : Math.min(5, r);
}
