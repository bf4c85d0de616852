import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdownBlocks } from './markdown-blocks.js';

describe('parseMarkdownBlocks', () => {
  it('reads headings, paragraphs joined across lines, bullets and numbered items', () => {
    const blocks = parseMarkdownBlocks(
      '# Title\n\nFirst line\ncontinues here.\n\n## Rules\n- one\n  wrapped\n* two\n1. first\n2) second\n### Small',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, runs: [{ text: 'Title', bold: false }] },
      { kind: 'paragraph', runs: [{ text: 'First line continues here.', bold: false }] },
      { kind: 'heading', level: 2, runs: [{ text: 'Rules', bold: false }] },
      { kind: 'item', marker: '•', runs: [{ text: 'one wrapped', bold: false }] },
      { kind: 'item', marker: '•', runs: [{ text: 'two', bold: false }] },
      { kind: 'item', marker: '1.', runs: [{ text: 'first', bold: false }] },
      { kind: 'item', marker: '2.', runs: [{ text: 'second', bold: false }] },
      { kind: 'heading', level: 3, runs: [{ text: 'Small', bold: false }] },
    ]);
  });

  it('keeps unknown syntax and markup-like text as literal text', () => {
    const blocks = parseMarkdownBlocks('<script>alert(1)</script> and `code` and #hashtag');
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: '<script>alert(1)</script> and `code` and #hashtag', bold: false }] },
    ]);
  });
});

describe('parseInline', () => {
  it('marks **bold** runs and keeps an unmatched marker', () => {
    expect(parseInline('a **b** c')).toEqual([
      { text: 'a ', bold: false },
      { text: 'b', bold: true },
      { text: ' c', bold: false },
    ]);
    expect(parseInline('5 ** 2')).toEqual([{ text: '5 ** 2', bold: false }]);
  });
});
