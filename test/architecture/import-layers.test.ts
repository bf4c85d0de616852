import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The layering of src/, checked on every test run: each area names the areas it may import.
 * Lower layers (storage, files, pdf) know nothing of the use cases above them; nothing below the
 * roles (server.ts, cli/) imports them; http/ reaches storage only for types.
 */
const BASE = ['errors', 'config', 'logger'];
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  config: [],
  logger: ['config'],
  storage: ['storage', ...BASE],
  files: ['files', ...BASE],
  pdf: ['pdf', ...BASE],
  runtime: ['storage', 'files', ...BASE],
  backup: ['backup', 'runtime', 'storage', 'files', ...BASE],
  domain: ['domain', 'backup', 'pdf', 'storage', 'files', ...BASE],
  http: ['http', 'domain', 'backup', 'storage', 'files', ...BASE],
  jobs: ['jobs', 'domain', 'backup', 'runtime', 'storage', 'files', ...BASE],
  cli: ['cli', 'server', 'jobs', 'domain', 'backup', 'runtime', 'pdf', 'storage', 'files', ...BASE],
  server: ['cli', 'http', 'jobs', 'domain', 'backup', 'runtime', 'pdf', 'storage', 'files', ...BASE],
};

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  return [...text.matchAll(pattern)].map((match) => match[1] as string);
}

/** `src/domain/x/y.ts` → "domain"; `src/runtime.ts` → "runtime". */
function areaOf(file: string): string {
  const [first = ''] = path.relative(path.join(ROOT, 'src'), file).split(path.sep);
  return first.replace(/\.(js|ts|tsx)$/, '');
}

describe('import layering of src/', () => {
  it('every import points down the layers', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      // Tests beside the code may reach across layers to set up what they test.
      if (file.endsWith('.test.ts')) continue;
      const from = areaOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) {
        violations.push(`${path.relative(ROOT, file)}: area "${from}" has no entry in the layering table`);
        continue;
      }
      for (const specifier of relativeImports(file)) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!target.startsWith(path.join(ROOT, 'src') + path.sep)) continue;
        const to = areaOf(target);
        if (to !== from && !allowed.includes(to)) {
          violations.push(`${path.relative(ROOT, file)} imports ${specifier} (${from} → ${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
