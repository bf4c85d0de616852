import { createHash } from 'node:crypto';
import { normalizeState } from '../../shared/us-states.js';

/**
 * A policy a technician reads and signs. The template is a Markdown file with front matter:
 *
 * ```
 * ---
 * id: irs-rate
 * version: 2025-08-01
 * title: Technician BYOV Policy (California, Illinois and Washington)
 * states: [CA, IL, WA]        # or "*" for every state no other template claims
 * ---
 * # Markdown text…
 * ```
 *
 * `text` is exactly what the technician is shown and what the signed PDF reproduces; `sha256` is
 * the SHA-256 of its UTF-8 bytes, recorded with the signature.
 */
export interface PolicyTemplate {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  /** USPS codes, or '*' for the default template. */
  readonly states: readonly string[] | '*';
  readonly text: string;
  readonly sha256: string;
}

/** A template file is broken; the message names the file and the problem. */
export class PolicyTemplateError extends Error {
  constructor(source: string, problem: string) {
    super(`Policy template ${source}: ${problem}`);
    this.name = 'PolicyTemplateError';
  }
}

const KEYS = ['id', 'version', 'title', 'states'] as const;
type Key = (typeof KEYS)[number];
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Parses one template file's content; `source` names it in error messages. */
export function parsePolicyTemplate(content: string, source: string): PolicyTemplate {
  const lines = content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0]?.trim() !== '---') throw new PolicyTemplateError(source, 'must start with a "---" front matter line.');
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (close < 0) throw new PolicyTemplateError(source, 'the front matter has no closing "---" line.');

  const fields = parseFrontMatter(lines.slice(1, close), source);
  const text = normalizeBody(lines.slice(close + 1));
  if (text === '') throw new PolicyTemplateError(source, 'the policy text after the front matter is empty.');

  const id = requireScalar(fields, 'id', source);
  if (!ID_PATTERN.test(id)) {
    throw new PolicyTemplateError(source, `id "${id}" may only use lower-case letters, digits and dashes.`);
  }
  return {
    id,
    version: requireScalar(fields, 'version', source),
    title: requireScalar(fields, 'title', source),
    states: parseStates(fields.get('states'), source),
    text,
    sha256: sha256Text(text),
  };
}

/** Trailing spaces and surrounding blank lines are not part of the policy; everything else is. */
function normalizeBody(lines: string[]): string {
  return lines
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

type FieldValue = string | string[];

/** The small YAML subset templates need: `key: value`, `key: [a, b]`, and `key:` + `- item` lines. */
function parseFrontMatter(lines: string[], source: string): Map<Key, FieldValue> {
  const fields = new Map<Key, FieldValue>();
  let listKey: Key | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line);
    if (item) {
      const list = listKey ? fields.get(listKey) : undefined;
      if (!listKey || !Array.isArray(list))
        throw new PolicyTemplateError(source, `unexpected list item "${line.trim()}".`);
      list.push(unquote(item[1] ?? ''));
      continue;
    }
    const match = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!match) throw new PolicyTemplateError(source, `cannot read the front matter line "${line.trim()}".`);
    const key = match[1] as Key;
    if (!KEYS.includes(key)) {
      throw new PolicyTemplateError(source, `unknown front matter key "${match[1]}" (expected ${KEYS.join(', ')}).`);
    }
    if (fields.has(key)) throw new PolicyTemplateError(source, `"${key}" is given twice.`);
    const value = (match[2] ?? '').trim();
    listKey = undefined;
    if (value === '') {
      fields.set(key, []);
      listKey = key;
    } else if (value.startsWith('[')) {
      if (!value.endsWith(']')) throw new PolicyTemplateError(source, `"${key}" has an unclosed list.`);
      const inner = value.slice(1, -1).trim();
      fields.set(key, inner === '' ? [] : inner.split(',').map((part) => unquote(part.trim())));
    } else {
      fields.set(key, unquote(value));
    }
  }
  return fields;
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
  return (quoted?.[1] ?? value).trim();
}

function requireScalar(fields: Map<Key, FieldValue>, key: Key, source: string): string {
  const value = fields.get(key);
  if (typeof value !== 'string' || value === '') {
    throw new PolicyTemplateError(source, `"${key}" is required and must be a single value.`);
  }
  return value;
}

function parseStates(value: FieldValue | undefined, source: string): readonly string[] | '*' {
  if (value === '*') return '*';
  const list = typeof value === 'string' ? [value] : value;
  if (!list || list.length === 0) {
    throw new PolicyTemplateError(source, '"states" is required: a list of state codes, or "*" for the default.');
  }
  const codes = list.map((entry) => {
    const code = normalizeState(entry);
    if (!code) throw new PolicyTemplateError(source, `"${entry}" in "states" is not one of the 50 states or DC.`);
    return code;
  });
  if (new Set(codes).size !== codes.length) throw new PolicyTemplateError(source, '"states" lists a state twice.');
  return Object.freeze(codes);
}
