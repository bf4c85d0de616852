import type { Language } from '../shared/field-labels.js';
import { escapeHtml } from './mail-message.js';
import { technicianText } from './templates/technician-catalog.js';

function footer(layout: Layout): string {
  return technicianText(layout.language ?? 'en')('footer');
}

/** A piece of an e-mail body; each renders to HTML and to plain text from the same values. */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Someone's own words (an admin's message, a reason), shown set apart and verbatim. */
  | { kind: 'quote'; text: string }
  | { kind: 'facts'; title?: string; rows: ReadonlyArray<readonly [string, string]> }
  | { kind: 'list'; title: string; items: readonly string[] }
  | { kind: 'link'; label: string; url: string };

export interface Layout {
  programName: string;
  heading: string;
  blocks: readonly Block[];
  /** The reader's language: the page's `lang` and the footer's words. English when absent. */
  language?: Language;
}

/**
 * Renders a message body twice from one description, so the HTML and the text carry the same
 * facts. Every value is escaped for HTML; links are only ever http(s) URLs built by the server.
 */
export function renderLayout(layout: Layout): { html: string; text: string } {
  return { html: renderHtml(layout), text: renderText(layout) };
}

function renderText(layout: Layout): string {
  const parts = [layout.programName, layout.heading, ''];
  for (const block of layout.blocks) {
    switch (block.kind) {
      case 'paragraph':
        parts.push(block.text, '');
        break;
      case 'quote':
        parts.push(...block.text.split(/\r?\n/).map((line) => `> ${line}`), '');
        break;
      case 'facts': {
        if (block.title) parts.push(block.title);
        const width = Math.max(...block.rows.map(([label]) => label.length), 0) + 2;
        for (const [label, value] of block.rows) parts.push(`  ${`${label}:`.padEnd(width)}${oneLine(value)}`);
        parts.push('');
        break;
      }
      case 'list':
        parts.push(block.title, ...block.items.map((item) => `  - ${oneLine(item)}`), '');
        break;
      case 'link':
        parts.push(`${block.label}:`, block.url, '');
        break;
    }
  }
  parts.push('--', footer(layout));
  return parts.join('\n');
}

function renderHtml(layout: Layout): string {
  const body = layout.blocks.map(htmlBlock).join('\n');
  return `<!doctype html>
<html lang="${layout.language ?? 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(layout.heading)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px;padding:24px">
<p style="margin:0 0 4px;color:#57606a;font-size:13px">${escapeHtml(layout.programName)}</p>
<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(layout.heading)}</h1>
${body}
<p style="margin:24px 0 0;color:#57606a;font-size:12px">${escapeHtml(footer(layout))}</p>
</div></body></html>`;
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 12px">${escapeHtml(block.text)}</p>`;
    case 'quote':
      return `<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:4px solid #d0d7de;white-space:pre-wrap">${escapeHtml(block.text)}</blockquote>`;
    case 'facts': {
      const rows = block.rows
        .map(
          ([label, value]) =>
            `<tr><th style="text-align:left;padding:2px 12px 2px 0;font-weight:normal;color:#57606a;vertical-align:top">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(oneLine(value))}</td></tr>`,
        )
        .join('');
      const title = block.title ? `<h2 style="margin:16px 0 6px;font-size:15px">${escapeHtml(block.title)}</h2>` : '';
      return `${title}<table style="border-collapse:collapse;margin:0 0 12px">${rows}</table>`;
    }
    case 'list': {
      const items = block.items.map((item) => `<li>${escapeHtml(oneLine(item))}</li>`).join('');
      return `<h2 style="margin:16px 0 6px;font-size:15px">${escapeHtml(block.title)}</h2><ul style="margin:0 0 12px">${items}</ul>`;
    }
    case 'link':
      return `<p style="margin:0 0 12px"><a href="${escapeHtml(safeUrl(block.url))}" style="color:#0b5cad">${escapeHtml(block.label)}</a></p>`;
  }
}

/** Values in tables and lists stay on one line in the text version too. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
