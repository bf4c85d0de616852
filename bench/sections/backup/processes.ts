/**
 * Child processes the backup section times: the `byov` CLI (with its peak memory), the sqlite3
 * shell and cp baselines, and the throttled writer.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BUILT_CLI } from '../../lib/built-server.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const WRITER_ENTRY = path.join(import.meta.dirname, 'writer.ts');
const GNU_TIME = '/usr/bin/time';
/** The `actor` of the writer's audit events, to tell its rows from the seeded ones. */
export const WRITER_ACTOR = 'bench-writer';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
  /** Killed because it ran past `timeoutMs`. */
  timedOut: boolean;
}

/** Runs a command to completion (or kills it at `timeoutMs`) and times it from spawn to close. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; timeoutMs?: number; cwd?: string } = {},
): Promise<ProcessResult> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, signal, ms, stdout, stderr, timedOut });
    });
  });
}

/** Like runProcess, but a non-zero exit (or a timeout) is an error carrying the output. */
export async function mustRun(
  command: string,
  args: readonly string[],
  options: Parameters<typeof runProcess>[2] = {},
): Promise<ProcessResult> {
  const result = await runProcess(command, args, options);
  if (result.code !== 0) {
    const how = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
    throw new Error(`${command} ${args.join(' ')} ${how}:\n${result.stderr || result.stdout}`.trim());
  }
  return result;
}

/** Flushes every dirty page, so the next measurement does not pay for earlier writes. */
export async function syncDisk(): Promise<number> {
  return (await mustRun('sync', [])).ms;
}

/**
 * `cp -r <from…> <to>` for each copy, then `sync`: the raw cost of the same bytes on the same
 * disk. Starts from a clean page cache state (`sync` first) so it pays only for its own writes.
 */
export async function copyWithCp(copies: readonly { from: string | readonly string[]; to: string }[]): Promise<number> {
  await syncDisk();
  const started = process.hrtime.bigint();
  for (const { from, to } of copies) await mustRun('cp', ['-r', ...(typeof from === 'string' ? [from] : from), to]);
  await mustRun('sync', []);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface SqliteShellBackup {
  ms: number;
  finished: boolean;
}

/** `sqlite3 <db> ".backup <dest>"`, killed at `timeoutMs` (the shell steps 100 pages at a time). */
export async function sqliteShellBackup(dbFile: string, dest: string, timeoutMs: number): Promise<SqliteShellBackup> {
  await syncDisk();
  const result = await runProcess('/usr/bin/sqlite3', [dbFile, `.backup '${dest}'`], { timeoutMs });
  await rm(dest, { force: true });
  await rm(`${dest}-journal`, { force: true });
  if (!result.timedOut && result.code !== 0) throw new Error(`sqlite3 .backup failed: ${result.stderr}`);
  return { ms: result.ms, finished: !result.timedOut };
}

export interface CliRun<T> {
  result: T;
  ms: number;
  /** Peak resident set size of the CLI process, in bytes. */
  peakRssBytes: number;
  rssSource: 'getrusage (GNU time)' | '/proc VmHWM polling';
}

/**
 * `node bin/byov.js <args> --json`, the compiled CLI as `npm run byov` runs it, with its peak
 * RSS: GNU time's getrusage figure when /usr/bin/time exists (exact), otherwise the process's
 * VmHWM polled every 20 ms.
 */
export async function runByovCli<T>(
  args: readonly string[],
  env: Record<string, string>,
  scratchDir: string,
): Promise<CliRun<T>> {
  const node = [process.execPath, BUILT_CLI, ...args, '--json'];
  const fullEnv = { LOG_LEVEL: 'silent', ...env };
  if (existsSync(GNU_TIME)) {
    const report = path.join(scratchDir, `time-${process.hrtime.bigint()}.txt`);
    const run = await mustRun(GNU_TIME, ['-f', '%M', '-o', report, ...node], { env: fullEnv });
    const kilobytes = Number((await readFile(report, 'utf8')).trim().split('\n').pop());
    await rm(report, { force: true });
    return {
      result: parseJson<T>(run.stdout),
      ms: run.ms,
      peakRssBytes: kilobytes * 1024,
      rssSource: 'getrusage (GNU time)',
    };
  }
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, node.slice(1), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, readVmHwm(child.pid));
  }, 20);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  clearInterval(poll);
  if (code !== 0) throw new Error(`byov ${args.join(' ')} exited with ${code}:\n${stderr || stdout}`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { result: parseJson<T>(stdout), ms, peakRssBytes: peak, rssSource: '/proc VmHWM polling' };
}

function readVmHwm(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // Synchronous on purpose: /proc reads never block, and the interval stays simple.
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function parseJson<T>(stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch {
    throw new Error(`byov printed no JSON:\n${stdout}`);
  }
}

/** One report line of the writer: commits so far and the commit latencies since the last line. */
export interface WriterTick {
  /** Date.now() when the line was written. */
  at: number;
  commits: number;
  latenciesMs: number[];
}

export interface WriterProcess {
  child: ChildProcess;
  ticks: WriterTick[];
  /** Stops the writer (SIGTERM) and resolves with its exit code; throws if it failed on its own. */
  stop(): Promise<void>;
  /** Throws if the writer has exited on its own (a failed commit). */
  assertAlive(): void;
}

/** Starts the writer on `dbFile` at `ratePerSecond` and resolves after its first commit. */
export async function startWriter(dbFile: string, ratePerSecond: number): Promise<WriterProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER_ENTRY, dbFile, String(ratePerSecond), WRITER_ACTOR],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const ticks: WriterTick[] = [];
  let stderr = '';
  let exit: number | null | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exit = code;
      resolve(code);
    }),
  );
  const started = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line === 'started') resolve();
      else if (line.startsWith('{')) ticks.push(JSON.parse(line) as WriterTick);
    });
    void exited.then((code) => reject(new Error(`the writer exited with ${code} before starting:\n${stderr}`)));
  });
  await started;
  return {
    child,
    ticks,
    assertAlive: () => {
      if (exit !== undefined) throw new Error(`the writer stopped on its own (exit ${exit}):\n${stderr}`);
    },
    stop: async () => {
      if (exit !== undefined) throw new Error(`the writer stopped on its own (exit ${exit}):\n${stderr}`);
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`the writer exited with ${code}:\n${stderr}`);
    },
  };
}

/** Commits per second and commit latencies reported between `from` and `to` (Date.now() values). */
export function writerWindow(ticks: readonly WriterTick[], from: number, to: number) {
  const inside = ticks.filter((t) => t.at > from && t.at <= to);
  const before = [...ticks].reverse().find((t) => t.at <= from);
  const last = inside[inside.length - 1];
  if (!last || !before) return { commits: 0, seconds: (to - from) / 1000, perSecond: 0, latenciesMs: [] as number[] };
  const commits = last.commits - before.commits;
  const seconds = (last.at - before.at) / 1000;
  return { commits, seconds, perSecond: commits / seconds, latenciesMs: inside.flatMap((t) => t.latenciesMs) };
}
