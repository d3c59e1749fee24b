import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdownLite } from './markdownLite';

describe('markdown-lite', () => {
  it('keeps HTML as text: <script> is a text run, never markup', () => {
    const blocks = parseMarkdownLite('<script>alert(1)</script>\n<img src=x onerror=alert(1)>');
    expect(blocks).toEqual([{ kind: 'paragraph', lines: [
      [{ kind: 'text', text: '<script>alert(1)</script>' }],
      [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }],
    ] }]);
  });

  it('bold inside HTML-looking text stays text too', () => {
    expect(parseInline('**<b>x</b>** y')).toEqual([{ kind: 'bold', text: '<b>x</b>' }, { kind: 'text', text: ' y' }]);
  });

  it('parses bold runs and leaves an unclosed ** literal', () => {
    expect(parseInline('a **b** c **d')).toEqual([{ kind: 'text', text: 'a ' }, { kind: 'bold', text: 'b' }, { kind: 'text', text: ' c **d' }]);
    expect(parseInline('****')).toEqual([]);
  });

  it('splits paragraphs on blank lines and keeps line breaks inside one', () => {
    const blocks = parseMarkdownLite('one\ntwo\r\n\r\nthree');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toEqual({ kind: 'paragraph', lines: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] });
  });

  it('reads bullet and numbered lists as separate lists', () => {
    const blocks = parseMarkdownLite('Plan:\n- entry at **100**\n* stop 95\n1. scale out\n2) exit');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list', 'list']);
    expect(blocks[1]).toEqual({ kind: 'list', ordered: false, items: [
      [{ kind: 'text', text: 'entry at ' }, { kind: 'bold', text: '100' }],
      [{ kind: 'text', text: 'stop 95' }],
    ] });
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: true });
  });

  it('an empty note has no blocks', () => {
    expect(parseMarkdownLite('  \n\n')).toEqual([]);
  });
});
