import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
    spawn(process.execPath, [...npmStartNodeFlags(), BUILT_CLI, 'serve'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...serveEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * A daily backup time twelve hours away, so that the server's scheduled backup (03:00 UTC by
 * default) never starts in the middle of a measurement: a bench run at 03:00 once measured a
 * backup and raced it while removing the data folder.
 */
export function backupScheduleAwayFromNow(): string {
  return `0 ${(new Date().getUTCHours() + 12) % 24} * * *`;
}

/** The flags `npm start` gives node (package.json), which size the server's heaps. */
function npmStartNodeFlags(): string[] {
  const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const match = /\bnode((?: --\S+)*) bin\/byov\.js serve\b/.exec(packageJson.scripts.start);
  if (!match) throw new Error('the start script in package.json does not run `node … bin/byov.js serve`');
  return (match[1] ?? '').split(' ').filter(Boolean);
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
