#!/usr/bin/env node
// Builds the server and the web client only when a source is newer than the build, so that
// `npm start` on an up-to-date checkout listens within seconds instead of rebuilding every time.
// In an installed package (`npm pack`) there are no sources: the shipped build is used as is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (relative) => path.join(root, relative);

const SOURCES = [
  'src',
  'web/src',
  'web/index.html',
  'web/admin.html',
  'web/vite.config.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];
const OUTPUTS = ['dist/cli/byov.js', 'dist/server.js', 'web/dist/index.html', 'web/dist/admin.html'];

/** Newest modification time under a file or folder (0 when it does not exist). */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function oldestOutputMtime() {
  let oldest = Number.POSITIVE_INFINITY;
  for (const output of OUTPUTS) {
    if (!existsSync(at(output))) return 0;
    oldest = Math.min(oldest, statSync(at(output)).mtimeMs);
  }
  return oldest;
}

const hasSources = existsSync(at('src'));
const builtAt = oldestOutputMtime();

if (!hasSources) {
  if (builtAt === 0) {
    console.error('byov: this package has neither sources nor a build; reinstall it.');
    process.exit(1);
  }
  process.exit(0);
}

const changedAt = Math.max(...SOURCES.map((source) => newestMtime(at(source))));
if (builtAt > 0 && changedAt <= builtAt) process.exit(0);

console.log(builtAt === 0 ? 'Building the app (first start)…' : 'Sources changed since the last build; rebuilding…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
