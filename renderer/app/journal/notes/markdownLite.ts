/**
 * A deliberately tiny markdown subset for journal notes: paragraphs, line breaks, `- ` / `* `
 * bullet lists, `1. ` numbered lists and **bold**. The result is a plain data tree rendered as
 * React text nodes, so nothing in a note can become HTML: `<script>` stays the text "<script>".
 */
export type Inline = { kind: 'text'; text: string } | { kind: 'bold'; text: string };
/** One visual line: inline runs. */
export type Line = Inline[];
export type Block =
  | { kind: 'paragraph'; lines: Line[] }
  | { kind: 'list'; ordered: boolean; items: Line[] };

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** `a **b** c` -> text, bold, text. An unclosed `**` stays literal. */
export function parseInline(text: string): Line {
  const out: Line = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('**');
    const close = open < 0 ? -1 : rest.indexOf('**', open + 2);
    if (open < 0 || close < 0) break;
    if (open > 0) out.push({ kind: 'text', text: rest.slice(0, open) });
    const inner = rest.slice(open + 2, close);
    if (inner.length > 0) out.push({ kind: 'bold', text: inner });
    rest = rest.slice(close + 2);
  }
  if (rest.length > 0) out.push({ kind: 'text', text: rest });
  return out;
}

export function parseMarkdownLite(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const flush = () => {
    if (current !== null) blocks.push(current);
    current = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET.exec(raw);
    const numbered = bullet === null ? NUMBERED.exec(raw) : null;
    const item = bullet ?? numbered;
    if (item !== null) {
      const ordered = numbered !== null;
      if (current === null || current.kind !== 'list' || current.ordered !== ordered) {
        flush();
        current = { kind: 'list', ordered, items: [] };
      }
      current.items.push(parseInline(item[1] ?? ''));
      continue;
    }
    if (current === null || current.kind !== 'paragraph') {
      flush();
      current = { kind: 'paragraph', lines: [] };
    }
    current.lines.push(parseInline(raw));
  }
  flush();
  return blocks;
}
