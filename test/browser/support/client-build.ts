/**
 * Makes sure web/dist holds a build of the current client sources before a browser test
 * serves it. A fresh build (as after `npm install` or `npm run build`) is used as is; a stale
 * one is rebuilt once, under a lock, because test files run in parallel processes.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const WEB_DIR = path.join(REPO_ROOT, 'web');
const BUILT_INDEX = path.join(WEB_DIR, 'dist', 'index.html');
/** Everything the client bundles: its own sources and the modules it may import from src/shared. */
const SOURCES = [
  path.join(WEB_DIR, 'src'),
  path.join(WEB_DIR, 'index.html'),
  path.join(WEB_DIR, 'admin.html'),
  path.join(WEB_DIR, 'vite.config.ts'),
  path.join(WEB_DIR, 'precompress.ts'),
  path.join(WEB_DIR, 'public'),
  path.join(REPO_ROOT, 'src', 'shared'),
  path.join(REPO_ROOT, 'package-lock.json'),
];
const LOCK_DIR = path.join(tmpdir(), `byov-web-build-${Buffer.from(REPO_ROOT).toString('hex').slice(-16)}.lock`);
const LOCK_STALE_MS = 120_000;

async function newestModification(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries.filter((e) => e.isFile()).map((e) => stat(path.join(e.parentPath, e.name)).then((s) => s.mtimeMs)),
  );
  return Math.max(info.mtimeMs, ...times);
}

async function isBuildFresh(): Promise<boolean> {
  const built = await stat(BUILT_INDEX).catch(() => null);
  if (!built) return false;
  const newest = Math.max(...(await Promise.all(SOURCES.map(newestModification))));
  return built.mtimeMs >= newest;
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      return;
    } catch {
      const info = await stat(LOCK_DIR).catch(() => null);
      // A lock left by a crashed run must not block every later run.
      if (info && Date.now() - info.mtimeMs > LOCK_STALE_MS) await rm(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the client build lock ${LOCK_DIR}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Runs `vite build` exactly as `npm run build` does, in its own process: inside vitest,
 * NODE_ENV is "test", and Vite would then bundle React's development build.
 */
async function buildClient(): Promise<void> {
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await execFileAsync(process.execPath, [vite, 'build', '--config', path.join(WEB_DIR, 'vite.config.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Builds web/dist when it is missing or older than the sources; returns whether it built. */
export async function ensureClientBuilt(): Promise<boolean> {
  if (await isBuildFresh()) return false;
  await acquireLock();
  try {
    if (await isBuildFresh()) return false; // another test process built it meanwhile
    await buildClient();
    return true;
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}
