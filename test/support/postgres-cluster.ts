/**
 * Throwaway PostgreSQL servers for tests and benchmarks.
 *
 * Every repository test must also run against a real PostgreSQL server, and CI machines have no
 * running server we may touch. So we build a private cluster from the machine's own binaries in a
 * temporary directory, listening only on loopback, and delete it afterwards. Nothing outside the
 * temporary directory is changed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const execFileAsync = promisify(execFile);

const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';
const CLUSTER_USER = 'postgres';
const APP_ROLE = 'byov';
const APP_PASSWORD = 'byov';
const SERVER_START_TIMEOUT_SECONDS = 60;
const PORT_ATTEMPTS = 3;
const LOG_TAIL_LINES = 25;

export interface PostgresCluster {
  /** Connection string for the `byov` role, which may create and drop databases. */
  adminUrl: string;
  /** Stops the server and deletes its directory. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface ScratchDatabase {
  url: string;
  /** Disconnects every session and drops the database. Safe to call more than once. */
  drop(): Promise<void>;
}

function hasServerTools(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
}

/** Orders "9.6", "15", "16" by their numbers, newest first ("9.6" < "15" as strings would lie). */
function compareVersionsDescending(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (right[i] ?? 0) - (left[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function newestDebianBin(): string | undefined {
  if (!existsSync(DEBIAN_POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_POSTGRES_ROOT).sort(compareVersionsDescending);
  return versions.map((version) => join(DEBIAN_POSTGRES_ROOT, version, 'bin')).find(hasServerTools);
}

/** Non-Debian developer machines (Homebrew, Fedora) usually put initdb on PATH. */
function binOnPath(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return dirs.find(hasServerTools);
}

/**
 * Where the PostgreSQL server programs live, or undefined when this machine has none.
 * `PG_BIN`, when set, is the only place looked at: a wrong value must surface as "not found"
 * rather than silently fall back to some other installation.
 */
export function findPostgresBin(): string | undefined {
  const chosen = process.env.PG_BIN;
  if (chosen !== undefined && chosen !== '') {
    return hasServerTools(chosen) ? chosen : undefined;
  }
  return newestDebianBin() ?? binOnPath();
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** initdb and postgres refuse to run as root, so as root we act as the `postgres` account. */
function asClusterOwner(program: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', CLUSTER_USER, '--', program, ...args]] : [program, args];
}

/** The -o string of pg_ctl goes through /bin/sh, so paths in it need shell quoting. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

async function tailOfFile(path: string): Promise<string> {
  try {
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    return lines.slice(-LOG_TAIL_LINES).join('\n');
  } catch {
    return '(no server log was written)';
  }
}

interface ProgramFailure {
  code?: number | string;
  stdout?: string;
  stderr?: string;
  message: string;
}

function describeFailure(step: string, error: unknown): string {
  const failure = error as ProgramFailure;
  const output = [failure.stderr, failure.stdout]
    .map((text) => text?.trim())
    .filter(Boolean)
    .join('\n');
  return `${step} failed (exit code ${failure.code ?? 'unknown'}): ${output || failure.message}`;
}

async function runStep(step: string, program: string, args: string[], cwd: string, logPath?: string): Promise<void> {
  try {
    // cwd is the temp dir because runuser keeps root's cwd, which postgres cannot enter.
    await execFileAsync(program, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const logTail = logPath === undefined ? '' : `\n--- last lines of ${logPath} ---\n${await tailOfFile(logPath)}`;
    throw new Error(`${describeFailure(step, error)}${logTail}`);
  }
}

/** Asks the OS for a free loopback port. Another process may grab it first, so callers retry. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not learn a free port'))));
    });
  });
}

async function makeClusterDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'byov-pg-'));
  if (isRoot()) {
    await runStep('chown of the cluster directory', 'chown', [`${CLUSTER_USER}:${CLUSTER_USER}`, dir], dir);
  }
  return dir;
}

interface ClusterPaths {
  bin: string;
  root: string;
  data: string;
  log: string;
}

async function initCluster(paths: ClusterPaths): Promise<void> {
  const [program, args] = asClusterOwner(join(paths.bin, 'initdb'), [
    '-D',
    paths.data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
  ]);
  await runStep('initdb', program, args, paths.root);
}

function serverOptions(paths: ClusterPaths, port: number): string {
  // Durability settings are off on purpose: the cluster lives for one test run and speed matters.
  return [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${shellQuote(paths.root)}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
}

async function startServer(paths: ClusterPaths, port: number): Promise<void> {
  const [program, args] = asClusterOwner(join(paths.bin, 'pg_ctl'), [
    '-D',
    paths.data,
    '-l',
    paths.log,
    '-w',
    '-t',
    String(SERVER_START_TIMEOUT_SECONDS),
    '-o',
    serverOptions(paths, port),
    'start',
  ]);
  await runStep(`pg_ctl start on 127.0.0.1:${port}`, program, args, paths.root, paths.log);
}

/** Picks a port and starts; a port taken between probing and binding gets a second chance. */
async function startOnSomePort(paths: ClusterPaths, requestedPort: number | undefined): Promise<number> {
  const attempts = requestedPort === undefined ? PORT_ATTEMPTS : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = requestedPort ?? (await findFreePort());
    try {
      await startServer(paths, port);
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function stopServer(paths: ClusterPaths, mode: 'fast' | 'immediate'): Promise<void> {
  const [program, args] = asClusterOwner(join(paths.bin, 'pg_ctl'), ['-D', paths.data, '-m', mode, '-w', 'stop']);
  await runStep(`pg_ctl stop -m ${mode}`, program, args, paths.root, paths.log);
}

/** Last-resort cleanup if the process exits without calling stop(): no server may outlive us. */
function stopServerSynchronously(paths: ClusterPaths): void {
  const [program, args] = asClusterOwner(join(paths.bin, 'pg_ctl'), ['-D', paths.data, '-m', 'immediate', 'stop']);
  try {
    execFileSync(program, args, { cwd: paths.root, stdio: 'ignore' });
  } catch {
    // The server may already be gone; there is nothing more we can do while exiting.
  }
  try {
    execFileSync('rm', ['-rf', paths.root], { stdio: 'ignore' });
  } catch {
    // Same as above: best effort only.
  }
}

async function createAppRole(port: number): Promise<void> {
  // Trust auth on loopback lets the bootstrap superuser in without a password.
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${APP_ROLE} WITH LOGIN CREATEDB PASSWORD '${APP_PASSWORD}'`);
  } finally {
    await client.end();
  }
}

/** Creates, starts and prepares a private PostgreSQL cluster on 127.0.0.1. */
export async function startPostgresCluster(options: { port?: number } = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (bin === undefined) {
    throw new Error('PostgreSQL server binaries (initdb, pg_ctl) were not found; set PG_BIN or install postgresql');
  }
  const root = await makeClusterDir();
  const paths: ClusterPaths = { bin, root, data: join(root, 'data'), log: join(root, 'postgres.log') };
  const emergencyStop = (): void => stopServerSynchronously(paths);
  let started = false;
  try {
    await initCluster(paths);
    const port = await startOnSomePort(paths, options.port);
    started = true;
    process.once('exit', emergencyStop);
    await createAppRole(port);
    return {
      adminUrl: `postgres://${APP_ROLE}:${APP_PASSWORD}@127.0.0.1:${port}/postgres`,
      stop: onlyOnce(() => stopCluster(paths, emergencyStop)),
    };
  } catch (error) {
    if (started) stopServerSynchronously(paths);
    else await rm(root, { recursive: true, force: true });
    process.off('exit', emergencyStop);
    throw error;
  }
}

async function stopCluster(paths: ClusterPaths, emergencyStop: () => void): Promise<void> {
  try {
    await stopServer(paths, 'fast');
  } catch (fastError) {
    // A stuck session can hold up a fast shutdown; immediate still stops the server.
    try {
      await stopServer(paths, 'immediate');
    } catch {
      throw fastError;
    }
  } finally {
    process.off('exit', emergencyStop);
    await rm(paths.root, { recursive: true, force: true });
  }
}

function onlyOnce(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function urlForDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** 55006: template1 busy. Parallel CREATE DATABASE calls can briefly collide on it. */
const OBJECT_IN_USE = '55006';
const CREATE_ATTEMPTS = 5;

async function createDatabaseWithRetry(client: Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== OBJECT_IN_USE || attempt >= CREATE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    // Pools left open by a failed test would otherwise make DROP DATABASE refuse. Only our own
    // sessions: an autovacuum worker belongs to the superuser and may not be terminated by us,
    // and DROP DATABASE stops it by itself.
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`,
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  });
}

/** Creates an empty database with a random name so parallel test files never share state. */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `byov_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => createDatabaseWithRetry(client, name));
  return {
    url: urlForDatabase(adminUrl, name),
    drop: onlyOnce(() => dropDatabase(adminUrl, name)),
  };
}
