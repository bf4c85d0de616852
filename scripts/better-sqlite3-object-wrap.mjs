#!/usr/bin/env node
// Keeps better-sqlite3 12 from aborting the process on Node 24.19 and later.
//
// Node 24.19.0 changed its header node_object_wrap.h: node::ObjectWrap, the base of better-sqlite3
// 12's Database and Statement, now adds an environment cleanup hook per object and removes it in
// its destructor (nodejs/node#65446). The header is inline code, so this is compiled into the addon
// whenever better-sqlite3 is built from source against 24.19+ headers (as here: it compiles on
// install). The destructor runs from V8's weak callback when a Statement is garbage collected, where
// Node often finds no current Environment; RemoveEnvironmentCleanupHook then fails its
// CHECK(env != nullptr) and the process aborts (SIGABRT, "Assertion failed: (env) != nullptr").
// kysely and corgi prepare a new Statement per query, so a server on such a build aborts sooner or
// later; the VIN decoder, with dozens of queries per VIN, aborts within one test file.
// better-sqlite3's own prebuilt binaries are built against 24.0.0 headers and are not affected;
// better-sqlite3 13 (Node-API) is not either, but it declares Node >=22 and its binary crashes on
// load in Node 20, which the product still supports.
//
// The fix: build better-sqlite3 with the ObjectWrap it was written and tested with, Node's header
// without cleanup hooks (./better-sqlite3/node_object_wrap.h, copied from 24.18.1; Node 20.20's is
// identical), force-included so that its include guard makes the compiler skip Node's own copy.
//
//   node scripts/better-sqlite3-object-wrap.mjs            npm's postinstall: rebuilds only an affected binary
//   node scripts/better-sqlite3-object-wrap.mjs --rebuild  always rebuilds (.ci/other-node.sh, another Node's ABI)
//
// The rebuild uses the environment as is, so npm_config_nodedir and PATH choose the Node it is for.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const shim = path.join(here, 'better-sqlite3', 'node_object_wrap.h');
const packageDir = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const binary = path.join(packageDir, 'build', 'Release', 'better_sqlite3.node');
// The project whose node_modules holds better-sqlite3 (npm rebuild runs there).
const projectDir = path.resolve(packageDir, '..', '..');

/** better-sqlite3 itself never removes a cleanup hook: only the 24.19+ ObjectWrap makes it import that. */
function affected() {
  return readFileSync(binary).includes('RemoveEnvironmentCleanupHook');
}

const force = process.argv.includes('--rebuild');
if (!force && (!existsSync(binary) || !affected())) process.exit(0);

console.error(`better-sqlite3: rebuilding with the ObjectWrap of Node <= 24.18 (${path.relative(projectDir, shim)})`);
// make hands CXXFLAGS to the shell, hence the quotes (a path with spaces). If better-sqlite3's
// install fetches its prebuilt binary instead of compiling, that one is fine too (24.0.0 headers).
const cxxflags = [process.env.CXXFLAGS, `-include "${shim}"`].filter(Boolean).join(' ');
const npm = process.env.npm_execpath
  ? { command: process.execPath, args: [process.env.npm_execpath] }
  : { command: 'npm', args: [] };
const run = spawnSync(npm.command, [...npm.args, 'rebuild', 'better-sqlite3'], {
  cwd: projectDir,
  stdio: 'inherit',
  env: { ...process.env, CXXFLAGS: cxxflags },
});
if (run.status !== 0) {
  console.error('better-sqlite3: the rebuild failed');
  process.exit(run.status ?? 1);
}
if (affected()) {
  // The compiler ignored CXXFLAGS (MSVC reads CL instead): better to stop than to install a binary
  // that aborts the server at its first garbage collection of a statement.
  console.error('better-sqlite3: still built with the ObjectWrap of Node >= 24.19; see the README on Node 24');
  process.exit(1);
}
