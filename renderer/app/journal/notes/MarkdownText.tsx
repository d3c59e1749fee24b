import { Fragment } from 'react';
import { parseMarkdownLite } from './markdownLite';
import type { Line } from './markdownLite';

/** Renders a note with the markdown-lite subset, as React text only (never innerHTML). */
export function MarkdownText({ source }: { source: string }) {
  const blocks = parseMarkdownLite(source);
  return (
    <div className="md-lite" data-testid="note-rendered">
      {blocks.map((block, i) => block.kind === 'list'
        ? block.ordered
          ? <ol key={i}>{block.items.map((line, j) => <li key={j}><InlineLine line={line} /></li>)}</ol>
          : <ul key={i}>{block.items.map((line, j) => <li key={j}><InlineLine line={line} /></li>)}</ul>
        : <p key={i}>{block.lines.map((line, j) => <Fragment key={j}>{j > 0 && <br />}<InlineLine line={line} /></Fragment>)}</p>)}
    </div>
  );
}

function InlineLine({ line }: { line: Line }) {
  return <>{line.map((run, i) => run.kind === 'bold' ? <strong key={i}>{run.text}</strong> : <Fragment key={i}>{run.text}</Fragment>)}</>;
}
