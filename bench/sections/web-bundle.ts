/**
 * JavaScript a browser downloads for the technician wizard (target: under 200 kB gzipped, for
 * phones on a weak connection) and for the admin app, from a production build of the client made
 * in a child process (`vite build` with NODE_ENV=production, into a temporary folder).
 *
 * Which files belong to a page comes from Vite's build manifest: the page's entry chunk and
 * every chunk it imports statically is what loads before the page works ("initial"); chunks only
 * reached through `import()` are counted separately ("lazy"). The emitted HTML is cross-checked:
 * each JS file it references must be in the initial set. Each file is gzipped at level 9 with
 * node:zlib. kB = 1000 bytes, as Vite prints.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round } from '../lib/stats.js';
import { withTempDir } from '../lib/temp-dir.js';
import { type BenchContext, type BenchSection, benchRow, type SectionResult } from '../lib/types.js';
import { mustRun } from './backup/processes.js';

const SECTION = 'web-bundle';
const TARGET_KB = 200;
const KB = 1000;
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const VITE = path.join(REPO_ROOT, 'node_modules', '.bin', 'vite');

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

interface PageBundle {
  page: string;
  initial: FileSize[];
  lazy: FileSize[];
  css: FileSize[];
}

interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** The manifest keys reachable from `start` through `edge`, `start` included. */
function closure(manifest: Manifest, start: readonly string[], edge: 'imports' | 'dynamicImports'): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (seen.has(key)) continue;
    seen.add(key);
    queue.push(...(manifest[key]?.[edge] ?? []));
  }
  return seen;
}

async function sizeOf(outDir: string, file: string): Promise<FileSize> {
  const bytes = await readFile(path.join(outDir, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

async function pageBundle(outDir: string, manifest: Manifest, html: string): Promise<PageBundle> {
  const entry = manifest[html];
  if (!entry?.isEntry) throw new Error(`the build manifest has no entry for ${html}`);
  const initialKeys = closure(manifest, [html], 'imports');
  // Lazy: everything any initial (or lazy) chunk reaches through import(), with its static imports.
  const lazyRoots = [...initialKeys].flatMap((key) => manifest[key]?.dynamicImports ?? []);
  const lazyKeys = new Set<string>();
  for (let frontier = lazyRoots; frontier.length > 0; ) {
    const reached = closure(manifest, frontier, 'imports');
    frontier = [];
    for (const key of reached) {
      if (initialKeys.has(key) || lazyKeys.has(key)) continue;
      lazyKeys.add(key);
      frontier.push(...(manifest[key]?.dynamicImports ?? []));
    }
  }
  const jsFiles = (keys: Set<string>) =>
    [...keys].map((key) => manifest[key]?.file).filter((file): file is string => !!file && file.endsWith('.js'));
  const cssFiles = [...initialKeys].flatMap((key) => manifest[key]?.css ?? []);
  const initial = await Promise.all(jsFiles(initialKeys).map((file) => sizeOf(outDir, file)));
  await assertHtmlScriptsCounted(outDir, html, new Set(initial.map((f) => f.file)));
  return {
    page: html,
    initial,
    lazy: await Promise.all(jsFiles(lazyKeys).map((file) => sizeOf(outDir, file))),
    css: await Promise.all([...new Set(cssFiles)].map((file) => sizeOf(outDir, file))),
  };
}

/** Every script and modulepreload the emitted page names must be in the set being measured. */
async function assertHtmlScriptsCounted(outDir: string, html: string, counted: Set<string>): Promise<void> {
  const page = await readFile(path.join(outDir, html), 'utf8');
  const referenced = [...page.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  const missing = referenced.filter((file) => !counted.has(file));
  if (referenced.length === 0 || missing.length > 0) {
    throw new Error(`${html}: scripts not accounted for by the manifest walk: ${missing.join(', ') || '(none found)'}`);
  }
}

const total = (files: readonly FileSize[], key: 'bytes' | 'gzipBytes') => files.reduce((sum, f) => sum + f[key], 0);

function describe(bundle: PageBundle) {
  const files = (list: FileSize[]) =>
    list.map((f) => ({ file: f.file, kB: round(f.bytes / KB, 1), gzipKB: round(f.gzipBytes / KB, 1) }));
  return {
    initialKB: round(total(bundle.initial, 'bytes') / KB, 1),
    initialGzipKB: round(total(bundle.initial, 'gzipBytes') / KB, 1),
    lazyGzipKB: round(total(bundle.lazy, 'gzipBytes') / KB, 1),
    cssGzipKB: round(total(bundle.css, 'gzipBytes') / KB, 1),
    initial: files(bundle.initial),
    lazy: files(bundle.lazy),
    css: files(bundle.css),
  };
}

async function runSection(context: BenchContext): Promise<SectionResult> {
  return withTempDir(SECTION, async (outDir) => {
    context.log(`${SECTION}: vite build (production) into ${outDir}`);
    const build = await mustRun(
      VITE,
      [
        'build',
        '--config',
        'web/vite.config.ts',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--manifest',
        'manifest.json',
        '--logLevel',
        'warn',
      ],
      { env: { NODE_ENV: 'production' } },
    );
    const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    const wizard = await pageBundle(outDir, manifest, 'index.html');
    const admin = await pageBundle(outDir, manifest, 'admin.html');
    const target = { name: `${TARGET_KB} kB target`, value: TARGET_KB };
    const gz = (files: FileSize[]) => total(files, 'gzipBytes') / KB;
    const rows = [
      benchRow(SECTION, 'wizard JS, initial load, gzip -9', gz(wizard.initial), 'kB', target),
      benchRow(SECTION, 'admin JS, initial load, gzip -9', gz(admin.initial), 'kB', target),
    ];
    // Chunks reached only through import() load later; listed when the build has any.
    for (const bundle of [wizard, admin].filter((b) => b.lazy.length > 0)) {
      const name = `${bundle === wizard ? 'wizard' : 'admin'} JS incl. lazy chunks, gzip -9`;
      rows.push(benchRow(SECTION, name, gz([...bundle.initial, ...bundle.lazy]), 'kB', target));
    }
    const shared = wizard.initial.filter((f) => admin.initial.some((a) => a.file === f.file));
    return {
      rows,
      details: {
        buildSeconds: round(build.ms / 1000, 1),
        wizard: describe(wizard),
        admin: describe(admin),
        sharedByBothGzipKB: round(gz(shared), 1),
      },
      notes: [
        `${SECTION}: files per page (gzip kB): wizard ${wizard.initial.map((f) => `${path.basename(f.file)} ${round(f.gzipBytes / KB, 1)}`).join(', ')}; ` +
          `admin ${admin.initial.map((f) => `${path.basename(f.file)} ${round(f.gzipBytes / KB, 1)}`).join(', ')}` +
          `; vite build took ${round(build.ms / 1000, 1)} s`,
      ],
    };
  });
}

export const webBundleSection: BenchSection = {
  name: SECTION,
  description: 'Gzipped JavaScript of the wizard (target < 200 kB) and the admin app, from a production build',
  run: runSection,
};
