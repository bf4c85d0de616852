import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

interface LockInfo {
  pid: number;
  host: string;
  role: string;
  startedAt: string;
}

const LOCK_FILE = 'server.lock';

/**
 * Marks the data folder as used by a running server, so that `restore` and `clear` refuse to
 * swap data underneath it. A lock left by a killed process is recognised by its dead PID.
 */
export function acquireDataFolderLock(dataDir: string, role: string): () => void {
  const holder = readLiveHolder(dataDir);
  if (holder) throw inUseError(holder);
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), role, startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(info));
  return () => {
    const current = readLock(dataDir);
    if (current?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** Throws DATA_FOLDER_IN_USE when a live server holds the folder. */
export function assertDataFolderFree(dataDir: string, action: string): void {
  const holder = readLiveHolder(dataDir);
  if (holder) {
    throw new AppError(
      'DATA_FOLDER_IN_USE',
      `Cannot ${action} while the server (PID ${holder.pid}, started ${holder.startedAt}) is using ${dataDir}. ` +
        'Stop the server first (Ctrl+C, or your service manager), then run this command again.',
    );
  }
}

function inUseError(holder: LockInfo): AppError {
  return new AppError(
    'DATA_FOLDER_IN_USE',
    `Another server (PID ${holder.pid} on ${holder.host}) is already using this data folder. Stop it first.`,
  );
}

function readLiveHolder(dataDir: string): LockInfo | undefined {
  const lock = readLock(dataDir);
  if (!lock || lock.pid === process.pid) return undefined;
  // A lock from another host cannot be checked; treat it as live rather than risk two writers.
  if (lock.host !== hostname()) return lock;
  return isProcessAlive(lock.pid) ? lock : undefined;
}

function readLock(dataDir: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a running process (this one included); a process we may not signal is alive. */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
