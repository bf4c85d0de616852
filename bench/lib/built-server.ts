import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ServerProcess, startServerProcess } from '../../test/support/server-process.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The compiled `byov` CLI, as `npm run byov` and an installed package run it. */
export const BUILT_CLI = path.join(REPO_ROOT, 'bin/byov.js');

/**
 * Starts `byov serve` the way `npm start` runs it: the compiled build (rebuilt first if the
 * sources changed), not the TypeScript sources through tsx, whose compiler and caches would be
 * counted in the server's memory and CPU.
 */
export function startBuiltServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  buildIfStale();
  return startServerProcess(env, (serveEnv) =>
    spawn(process.execPath, [BUILT_CLI, 'serve'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...serveEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Rebuilds the compiled output when a source is newer, as `npm start` does. */
export function buildIfStale(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-if-stale.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
}

/** A compiled module, named by its path under src (`backup/create-backup.js`); call `buildIfStale` first. */
export async function importBuilt<Module>(relativeToSrc: string): Promise<Module> {
  return (await import(pathToFileURL(path.join(REPO_ROOT, 'dist', relativeToSrc)).href)) as Module;
}
