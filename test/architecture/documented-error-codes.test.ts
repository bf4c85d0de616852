/**
 * Every error code the product can report is one a reader of the README can look up: the codes
 * are a closed union in src/errors.ts, and a new one must be documented when it is added.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

async function declaredErrorCodes(): Promise<string[]> {
  const source = await readFile(path.join(REPO_ROOT, 'src/errors.ts'), 'utf8');
  // Comments inside the union may hold any punctuation; the union ends where the next declaration starts.
  const union = /export type AppErrorCode =([\s\S]*?)\n\n/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/\|\s*'([A-Z_]+)'/g)].map((match) => match[1] ?? '');
}

describe('error codes', () => {
  it('are each named in the README', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const codes = await declaredErrorCodes();
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });
});
