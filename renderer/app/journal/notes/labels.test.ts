import { describe, expect, it } from 'vitest';
import { joinLabels, normalizeRating, parseTagList, splitLabels } from './labels';

describe('tags and setup/mistake labels', () => {
  it('normalizes a typed tag list', () => {
    expect(parseTagList(' Breakout, #FOMO ,, late  entry, breakout')).toEqual(['breakout', 'fomo', 'late-entry']);
    expect(parseTagList('')).toEqual([]);
  });

  it('round-trips labels through prefixed tags', () => {
    const stored = joinLabels({ tags: ['btc'], setups: ['breakout'], mistakes: ['fomo', 'moved-stop'] });
    expect(stored).toEqual(['btc', 'setup:breakout', 'mistake:fomo', 'mistake:moved-stop']);
    expect(splitLabels(stored)).toEqual({ tags: ['btc'], setups: ['breakout'], mistakes: ['fomo', 'moved-stop'] });
  });

  it('drops empty labels and duplicates', () => {
    expect(joinLabels({ tags: ['a', 'a', 'setup:x'], setups: ['x', ''], mistakes: [] })).toEqual(['a', 'setup:x']);
  });

  it('clamps ratings to 1..5', () => {
    expect(normalizeRating(0)).toBeNull();
    expect(normalizeRating(3.4)).toBe(3);
    expect(normalizeRating(9)).toBe(5);
    expect(normalizeRating(null)).toBeNull();
    expect(normalizeRating(Number.NaN)).toBeNull();
  });
});
