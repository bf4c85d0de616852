import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The layering of src/ and web/src/, checked on every test run: each area names the areas it
 * may import. Lower layers (storage, files, pdf) know nothing of the use cases above them;
 * nothing below the roles (server.ts, cli/) imports them. src/shared holds what the browser may
 * take from the server side, so it imports nothing else, and the web client imports nothing else.
 */
const BASE = ['errors', 'config', 'logger', 'shared'];
const ALLOWED: Record<string, readonly string[]> = {
  shared: [],
  errors: [],
  config: [],
  logger: ['config'],
  storage: ['storage', ...BASE],
  files: ['files', ...BASE],
  pdf: ['pdf', ...BASE],
  // The thread pool for CPU-heavy work and the tasks it runs (image checks; PDFs can join).
  workers: ['workers', 'files', 'pdf', ...BASE],
  // Transport and templates of e-mail; mail-status counts the outbox.
  mail: ['mail', 'storage', ...BASE],
  // Outgoing HTTP for the dashboard sync and webhooks, and the address check before it.
  net: ['net', ...BASE],
  runtime: ['storage', 'files', ...BASE],
  backup: ['backup', 'runtime', 'storage', 'files', 'workers', ...BASE],
  domain: ['domain', 'backup', 'pdf', 'mail', 'net', 'workers', 'storage', 'files', ...BASE],
  http: ['http', 'domain', 'net', 'backup', 'workers', 'storage', 'files', ...BASE],
  legacy: ['legacy', 'domain', 'backup', 'runtime', 'storage', 'files', ...BASE],
  jobs: ['jobs', 'domain', 'backup', 'mail', 'net', 'runtime', 'storage', 'files', ...BASE],
  cli: ['cli', 'server', 'jobs', 'legacy', 'domain', 'backup', 'mail', 'runtime', 'pdf', 'storage', 'files', ...BASE],
  server: [
    'cli',
    'http',
    'jobs',
    'domain',
    'backup',
    'mail',
    'net',
    'runtime',
    'pdf',
    'workers',
    'storage',
    'files',
    ...BASE,
  ],
};

/** The web client's areas: the wizard and the admin never import each other. */
const WEB_ALLOWED: Record<string, readonly string[]> = {
  wizard: ['web/shared', 'src/shared'],
  admin: ['web/shared', 'src/shared'],
  shared: ['src/shared'],
};

/** Packages src/shared may use: it is bundled into the browser. */
const BROWSER_SAFE_PACKAGES = ['zod', 'i18next'];

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Specifiers of static imports, re-exports and dynamic imports. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;
  return [...text.matchAll(pattern)].map((match) => match[1] as string);
}

function relativeImports(file: string): string[] {
  return imports(file).filter((specifier) => specifier.startsWith('.'));
}

/** `src/domain/x/y.ts` → "domain"; `src/runtime.ts` → "runtime"; with `under`, below that folder. */
function areaOf(file: string, under = 'src'): string {
  const [first = ''] = path.relative(path.join(ROOT, under), file).split(path.sep);
  return first.replace(/\.(js|ts|tsx)$/, '');
}

/** "src/shared", "web/admin", … for a file of src/ or web/src/; undefined elsewhere. */
function webOrServerArea(file: string): string | undefined {
  const relative = path.relative(ROOT, file);
  if (relative.startsWith(`web${path.sep}src${path.sep}`)) return `web/${areaOf(file, 'web/src')}`;
  if (relative.startsWith(`src${path.sep}`)) return `src/${areaOf(file)}`;
  return undefined;
}

/** Finer rules inside the layers: handlers stay thin, so http/ reaches storage only for its types. */
const FORBIDDEN: readonly { from: string; to: RegExp; why: string }[] = [
  { from: 'http', to: /^src\/storage\/(repositories|migrate)/, why: 'a handler calls a use case, not a repository' },
];

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

  it('route handlers call use cases, never repositories', () => {
    const violations: string[] = [];
    for (const rule of FORBIDDEN) {
      for (const file of sourceFiles(path.join(ROOT, 'src', rule.from))) {
        for (const specifier of relativeImports(file)) {
          const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier));
          if (rule.to.test(target)) violations.push(`${path.relative(ROOT, file)} imports ${specifier}: ${rule.why}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('the web client imports only its own area, web/src/shared and src/shared', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'web/src'))) {
      const from = areaOf(file, 'web/src');
      const allowed = WEB_ALLOWED[from];
      if (!allowed) {
        violations.push(`${path.relative(ROOT, file)}: web area "${from}" has no entry in the table`);
        continue;
      }
      for (const specifier of relativeImports(file)) {
        const to = webOrServerArea(path.resolve(path.dirname(file), specifier));
        if (to !== `web/${from}` && !allowed.includes(to ?? '')) {
          violations.push(`${path.relative(ROOT, file)} imports ${specifier} (web/${from} → ${to ?? 'outside'})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/shared uses only browser-safe packages', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'src/shared'))) {
      if (file.endsWith('.test.ts')) continue;
      for (const specifier of imports(file)) {
        if (!specifier.startsWith('.') && !BROWSER_SAFE_PACKAGES.includes(specifier)) {
          violations.push(`${path.relative(ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
