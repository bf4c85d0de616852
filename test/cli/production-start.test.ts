/**
 * The production start: `npm start` rebuilds only a stale build, and a packed install runs with
 * production dependencies alone (a devDependency imported at run time would break it).
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../browser/support/client-build.js';
import { startServerProcess } from '../support/server-process.js';

const execFileAsync = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BUILD_SCRIPT = path.join(REPO_ROOT, 'scripts/build-if-stale.mjs');
const scratch: string[] = [];

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

const OUTPUTS = ['dist/cli/byov.js', 'dist/server.js', 'web/dist/index.html', 'web/dist/admin.html'];

/** A project whose "build" only records that it ran, so the staleness rule is tested on its own. */
async function fakeProject(): Promise<string> {
  const dir = await scratchDir('byov-stale-');
  await mkdir(path.join(dir, 'scripts'));
  await cp(BUILD_SCRIPT, path.join(dir, 'scripts/build-if-stale.mjs'));
  const build = `node -e "require('fs').appendFileSync('builds.log','built\\\\n')"`;
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'fake', scripts: { build } }));
  await mkdir(path.join(dir, 'src/domain'), { recursive: true });
  await writeFile(path.join(dir, 'src/domain/rule.ts'), 'export const rule = 1;\n');
  for (const output of OUTPUTS) {
    await mkdir(path.dirname(path.join(dir, output)), { recursive: true });
    await writeFile(path.join(dir, output), '// built\n');
  }
  return dir;
}

async function setAge(file: string, secondsAgo: number): Promise<void> {
  const when = new Date(Date.now() - secondsAgo * 1000);
  await utimes(file, when, when);
}

async function runBuildIfStale(dir: string): Promise<number> {
  await execFileAsync(process.execPath, [path.join(dir, 'scripts/build-if-stale.mjs')], { cwd: dir });
  const log = await readFile(path.join(dir, 'builds.log'), 'utf8').catch(() => '');
  return log.split('\n').filter(Boolean).length;
}

describe('npm start builds only what is stale', () => {
  it('skips an up-to-date build, rebuilds after a source change or a missing output', async () => {
    const dir = await fakeProject();
    await setAge(path.join(dir, 'src/domain/rule.ts'), 600);
    await setAge(path.join(dir, 'src/domain'), 600);
    await setAge(path.join(dir, 'src'), 600);
    expect(await runBuildIfStale(dir)).toBe(0);

    await writeFile(path.join(dir, 'src/domain/rule.ts'), 'export const rule = 2;\n');
    expect(await runBuildIfStale(dir)).toBe(1);

    await rm(path.join(dir, 'web/dist/admin.html'));
    expect(await runBuildIfStale(dir)).toBe(2);
  });

  it('uses the shipped build of an installed package, which has no sources', async () => {
    const dir = await fakeProject();
    await rm(path.join(dir, 'src'), { recursive: true });
    expect(await runBuildIfStale(dir)).toBe(0);
    await rm(path.join(dir, 'dist'), { recursive: true });
    await expect(runBuildIfStale(dir)).rejects.toThrow(/neither sources nor a build/);
  });
});

/** The packages `npm ls --omit=dev` names, as top-level folders of node_modules. */
async function productionPackages(): Promise<string[]> {
  const { stdout } = await execFileAsync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const modules = path.join(REPO_ROOT, 'node_modules');
  const topLevel = new Set<string>();
  for (const line of stdout.split('\n')) {
    const relative = path.relative(modules, line.trim());
    if (!line.trim() || relative.startsWith('..') || relative === '') continue;
    const parts = relative.split(path.sep);
    topLevel.add(parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? ''));
  }
  return [...topLevel].filter(Boolean);
}

/** Lays out what `npm pack` ships plus production dependencies only, with a fresh server build. */
async function productionInstall(): Promise<string> {
  const dir = await scratchDir('byov-package-');
  const { stdout } = await execFileAsync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const files = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path) ?? [];
  expect(files).toContain('bin/byov.js');
  expect(files).toContain('scripts/build-if-stale.mjs');
  expect(files.some((f) => f.startsWith('policies/'))).toBe(true);
  expect(files.filter((f) => /^(src|test|bench|data|web\/src)\//.test(f) || f === '.env')).toEqual([]);

  for (const file of files.filter((f) => !/^(dist|web\/dist)\//.test(f))) {
    await cp(path.join(REPO_ROOT, file), path.join(dir, file), { recursive: true });
  }
  // The server is compiled afresh so that the test checks the current sources, not an old build.
  await execFileAsync(process.execPath, [
    path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    path.join(REPO_ROOT, 'tsconfig.build.json'),
    '--outDir',
    path.join(dir, 'dist'),
    '--sourceMap',
    'false',
  ]);
  await ensureClientBuilt();
  await cp(path.join(REPO_ROOT, 'web/dist'), path.join(dir, 'web/dist'), { recursive: true });
  for (const name of await productionPackages()) {
    const target = path.join(dir, 'node_modules', name);
    await mkdir(path.dirname(target), { recursive: true });
    // Hard links: a copy of the installed package without the disk space or the time.
    await execFileAsync('cp', ['-al', path.join(REPO_ROOT, 'node_modules', name), target]);
  }
  return dir;
}

describe('a packed install with production dependencies only', () => {
  it('starts, migrates and serves the wizard, the admin and /health', async () => {
    const dir = await productionInstall();
    expect((await stat(path.join(dir, 'node_modules/fastify'))).isDirectory()).toBe(true);
    await expect(stat(path.join(dir, 'node_modules/vitest'))).rejects.toThrow();

    const server = await startServerProcess({ DATA_DIR: path.join(dir, 'data') }, (env) =>
      spawn(process.execPath, [path.join(dir, 'bin/byov.js'), 'serve'], {
        cwd: dir,
        env: { ...process.env, NODE_PATH: undefined, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    try {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      // "warn" is expected: a new installation has no backup yet.
      expect(await health.json()).toMatchObject({ status: 'warn', database: 'sqlite' });
      const wizard = await fetch(`${server.url}/`);
      expect(await wizard.text()).toContain('<div id="root">');
      const admin = await fetch(`${server.url}/admin`);
      expect(admin.status).toBe(200);
      expect((await stat(path.join(dir, 'data/byov.db'))).size).toBeGreaterThan(0);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

/**
 * The main thread's young generation is sized when node starts (README, "Sizing"), and glibc reads
 * MALLOC_ARENA_MAX at start, so each way of starting the server must pass both itself.
 */
describe('every launcher starts the server with the same memory settings', () => {
  const readRepoFile = (file: string) => readFile(path.join(REPO_ROOT, file), 'utf8');
  const lineOf = (text: string, pattern: RegExp) => text.split('\n').find((line) => pattern.test(line)) ?? '';
  const launchers = {
    'npm start': async () => {
      const start = String(JSON.parse(await readRepoFile('package.json')).scripts.start);
      return { environment: start, command: start };
    },
    Dockerfile: async () => {
      const text = await readRepoFile('deploy/Dockerfile');
      return { environment: lineOf(text, /^ENV /), command: lineOf(text, /^CMD /) };
    },
    'systemd unit': async () => {
      const text = await readRepoFile('deploy/byov.service');
      return { environment: lineOf(text, /^Environment=MALLOC/), command: lineOf(text, /^ExecStart=/) };
    },
  };

  it.each(Object.entries(launchers))('%s', async (_name, read) => {
    const { environment, command } = await read();
    expect(command.replace(/[",[\]]/g, ' ')).toMatch(/\bnode\s+--max-semi-space-size=4\s+bin\/byov\.js\s+serve\b/);
    expect(environment).toMatch(/\bMALLOC_ARENA_MAX(=|=\$\{MALLOC_ARENA_MAX:-)2\b/);
  });
});
