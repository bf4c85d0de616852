import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { isProcessAlive } from '../storage/data-folder-lock.js';
import { LOCK_FILE } from './layout.js';

/** Who holds the backups folder; written into the lock file so a waiting command can name it. */
export interface LockHolder {
  pid: number;
  host: string;
  action: string;
  startedAt: string;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up with its name. */
  waitMs: number;
  /** Called once when the folder is busy and this call starts waiting. */
  onWait?: (holder: LockHolder) => void;
}

/** The holder refreshes the lock file's time this often; a lock untouched for STALE_MS is abandoned. */
const HEARTBEAT_MS = 10_000;
const STALE_MS = 5 * 60_000;
/** Taking over a stale lock is itself guarded; that guard is held for milliseconds only. */
const TAKEOVER_STALE_MS = 30_000;
const POLL_MS = 200;

/** The lock with the configured wait; a wait is announced on stderr, where progress goes. */
export function lockBackupStore<T>(config: Config, action: string, work: () => Promise<T>): Promise<T> {
  return withBackupStoreLock(
    config.paths.backups,
    action,
    {
      waitMs: config.backup.lockWaitSeconds * 1000,
      onWait: (h) => process.stderr.write(`Waiting for ${h.action} (PID ${h.pid}) to release the backups folder…\n`),
    },
    work,
  );
}

const held = new AsyncLocalStorage<Set<string>>();
/** In-process queue per folder: two calls of one process wait for each other too. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` as the only writer of the backups folder, across processes: backup, prune, repair
 * and restore all go through here. The lock is a file created exclusively (O_EXCL), naming its
 * holder; a lock whose holder died (its PID is gone on this host, or it stopped refreshing the
 * file) is taken over. Nested calls inside `work` (restore's safety backup) run straight away.
 */
export async function withBackupStoreLock<T>(
  backupsDir: string,
  action: string,
  options: LockOptions,
  work: () => Promise<T>,
): Promise<T> {
  const key = path.resolve(backupsDir);
  if (held.getStore()?.has(key)) return work();
  const previous = queues.get(key) ?? Promise.resolve();
  const mine = previous.catch(() => {}).then(() => lockAndRun(key, action, options, work));
  queues.set(key, mine);
  try {
    return await mine;
  } finally {
    if (queues.get(key) === mine) queues.delete(key);
  }
}

async function lockAndRun<T>(backupsDir: string, action: string, options: LockOptions, work: () => Promise<T>) {
  await mkdir(backupsDir, { recursive: true });
  const file = path.join(backupsDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), action, startedAt: new Date().toISOString() };
  await acquire(file, me, options);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await held.run(new Set([...(held.getStore() ?? []), backupsDir]), work);
  } finally {
    clearInterval(heartbeat);
    const current = await readHolder(file);
    if (current?.pid === me.pid && current.startedAt === me.startedAt) await rm(file, { force: true });
  }
}

async function acquire(file: string, me: LockHolder, options: LockOptions): Promise<void> {
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    if (await tryCreate(file, me)) return;
    const holder = await readHolder(file);
    if (await isStale(file, holder)) {
      await takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) throw busyError(holder, options.waitMs);
    if (!told && holder) options.onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      action: String(parsed.action ?? 'unknown'),
      startedAt: String(parsed.startedAt ?? ''),
    };
  } catch {
    return undefined;
  }
}

/**
 * A holder on this host whose PID is gone is dead. A lock that nobody refreshed for STALE_MS is
 * abandoned whoever wrote it (another host, a reused PID). An empty or unreadable lock file is
 * one being written right now, unless it too is old.
 */
async function isStale(file: string, holder: LockHolder | undefined): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return false; // gone already: the next attempt creates it
  if (Date.now() - info.mtimeMs > STALE_MS) return true;
  if (!holder) return Date.now() - info.mtimeMs > TAKEOVER_STALE_MS;
  return holder.host === hostname() && !isProcessAlive(holder.pid);
}

/**
 * Removes a stale lock without removing a fresh one by mistake: two waiters may both judge the
 * same lock stale, and the slower one must not delete the lock the faster one has just taken.
 * So the removal happens under a second, short-lived exclusive file, and only after checking
 * that the lock file still names the holder judged stale.
 */
async function takeOver(file: string, stale: LockHolder | undefined): Promise<void> {
  const guard = `${file}.takeover`;
  if (!(await tryCreate(guard, { pid: process.pid, host: hostname(), action: 'takeover', startedAt: '' }))) {
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > TAKEOVER_STALE_MS) await rm(guard, { force: true });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    return;
  }
  try {
    const current = await readHolder(file);
    const same = current?.pid === stale?.pid && current?.startedAt === stale?.startedAt;
    if (same && (await isStale(file, current))) await rm(file, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

function busyError(holder: LockHolder | undefined, waitMs: number): AppError {
  const who = holder
    ? `${holder.action} (PID ${holder.pid} on ${holder.host}, since ${holder.startedAt})`
    : 'another process';
  return new AppError(
    'DATA_FOLDER_IN_USE',
    `The backups folder is busy: ${who} holds it, and it was not released within ${Math.round(waitMs / 1000)} s. ` +
      'Try again when it has finished (BACKUP_LOCK_WAIT_SECONDS sets how long to wait).',
  );
}
