import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyLibrary } from './policy-library.js';
import { PolicyTemplateError, parsePolicyTemplate } from './policy-template.js';

function templateFiles(names: string[]): string[] {
  return names.filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md').sort();
}

function readTemplates(dir: string, files: string[], prefix = '') {
  return Promise.all(
    files.map(async (name) => parsePolicyTemplate(await readFile(path.join(dir, name), 'utf8'), prefix + name)),
  );
}

/**
 * Reads every `*.md` template in `dir` (a `README.md` there is documentation, not a template),
 * and the Spanish translations in `dir/es/` when that folder exists. Throws PolicyTemplateError
 * with the file name when a template is missing or malformed.
 */
export async function loadPolicyLibrary(dir: string): Promise<PolicyLibrary> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new PolicyTemplateError(dir, `the folder cannot be read (${error.code ?? error.message}); set POLICY_DIR.`);
  });
  const files = templateFiles(names);
  if (files.length === 0) throw new PolicyTemplateError(dir, 'the folder holds no .md templates; set POLICY_DIR.');
  const spanishDir = path.join(dir, 'es');
  const spanishNames = await readdir(spanishDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw new PolicyTemplateError(spanishDir, `the folder cannot be read (${error.code ?? error.message}).`);
  });
  return new PolicyLibrary(await readTemplates(dir, files), {
    es: await readTemplates(spanishDir, templateFiles(spanishNames), 'es/'),
  });
}

/** The `policies/` folder shipped with the product (beside `src/` and `dist/`). */
export const SHIPPED_POLICY_DIR = fileURLToPath(new URL('../../../policies', import.meta.url));

let shipped: Promise<PolicyLibrary> | undefined;

/** The shipped templates, loaded once; for callers without a configured POLICY_DIR (tests, benchmarks). */
export function shippedPolicyLibrary(): Promise<PolicyLibrary> {
  shipped ??= loadPolicyLibrary(SHIPPED_POLICY_DIR);
  return shipped;
}
