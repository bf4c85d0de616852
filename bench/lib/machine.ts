import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import Database from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** What a reader needs to compare two result files: the machine, the runtime and the code. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / (1024 * 1024)),
    loadAverage1m: loadAverage1m(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion(),
    betterSqlite3: packageVersion('better-sqlite3'),
    tmpdir: os.tmpdir(),
    tmpdirFileSystem: fileSystemOf(os.tmpdir()),
    gitCommit: gitCommit(),
  };
}

/** Other work on the machine skews every figure; a load above the core count says to rerun. */
export function loadAverage1m(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

function sqliteVersion(): string {
  const memory = new Database(':memory:');
  try {
    return (memory.prepare('select sqlite_version() as version').get() as { version: string }).version;
  } finally {
    memory.close();
  }
}

function packageVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return null;
  }
}

// statfs magic numbers for the file systems a bench is likely to meet; fsync costs differ by
// orders of magnitude between them (on tmpfs it does nothing), so results must say which.
const FILE_SYSTEMS: Record<number, string> = {
  61267: 'ext4',
  1481003842: 'xfs',
  2435016766: 'btrfs',
  16914836: 'tmpfs',
  2035054128: 'overlayfs',
  801189825: 'zfs',
};

export function fileSystemOf(dir: string): string {
  try {
    const type = statfsSync(dir).type;
    return FILE_SYSTEMS[type] ?? `0x${type.toString(16)}`;
  } catch {
    return 'unknown';
  }
}
