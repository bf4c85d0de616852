/**
 * The small part of Markdown that policy templates use, turned into blocks for the PDF:
 * `#`/`##`/`###` headings, paragraphs, `-`/`*` bullets, `1.` numbered items, and `**bold**`
 * inside any of them. Anything else is kept as the literal text it is, so nothing a policy
 * author writes is ever dropped from the signed document.
 */
export interface TextRun {
  text: string;
  bold: boolean;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; runs: TextRun[] }
  | { kind: 'paragraph'; runs: TextRun[] }
  | { kind: 'item'; marker: string; runs: TextRun[] };

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;
const NUMBERED = /^(\d{1,3})[.)]\s+(.*)$/;

export function parseMarkdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: { kind: 'paragraph' | 'item'; marker: string; lines: string[] } | undefined;
  const flush = () => {
    if (!open) return;
    const runs = parseInline(open.lines.join(' '));
    blocks.push(open.kind === 'item' ? { kind: 'item', marker: open.marker, runs } : { kind: 'paragraph', runs });
    open = undefined;
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({
        kind: 'heading',
        level: (heading[1]?.length ?? 1) as 1 | 2 | 3,
        runs: parseInline(heading[2] ?? ''),
      });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      open = bullet
        ? { kind: 'item', marker: '•', lines: [bullet[1] ?? ''] }
        : { kind: 'item', marker: `${numbered?.[1]}.`, lines: [numbered?.[2] ?? ''] };
      continue;
    }
    if (open) open.lines.push(line);
    else open = { kind: 'paragraph', marker: '', lines: [line] };
  }
  flush();
  return blocks;
}

/** Splits on `**`; an unmatched `**` is kept as text. */
export function parseInline(text: string): TextRun[] {
  const parts = text.split('**');
  if (parts.length % 2 === 0) return [{ text, bold: false }];
  return parts.map((part, index) => ({ text: part, bold: index % 2 === 1 })).filter((run) => run.text !== '');
}
