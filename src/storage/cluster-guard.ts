import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { isProcessAlive } from './data-folder-lock.js';
import { type Db, openDb } from './db.js';
import { type InstanceRecord, listLiveInstances } from './repositories/instance.repository.js';

/**
 * Instances that count as running: heartbeat not yet expired, except one on this host whose
 * process is gone (killed a moment ago: waiting out its heartbeat would only delay a restore).
 */
export async function findLiveInstances(db: Db, now: Date): Promise<InstanceRecord[]> {
  const live = await listLiveInstances(db.kysely, now.toISOString());
  const here = hostname();
  return live.filter((instance) => instance.host !== here || isProcessAlive(instance.pid));
}

/**
 * Refuses `action` (restore, clear) while any server is live on the configured database. The
 * data-folder lock only sees servers on this machine; instances on other machines sharing one
 * PostgreSQL database are seen through their heartbeats. A stale heartbeat (a crashed instance)
 * stops counting when it expires.
 */
export async function assertNoLiveInstances(config: Config, action: string, now = new Date()): Promise<void> {
  const live = await readLiveInstances(config, now);
  if (live.length === 0) return;
  const lastExpiry = live.map((i) => i.expiresAt).sort()[live.length - 1];
  const list = live.map((i) => `${i.host} PID ${i.pid}${i.address ? ` (${i.address})` : ''}`).join(', ');
  throw new AppError(
    'DATA_FOLDER_IN_USE',
    `Cannot ${action} while ${live.length} server instance${live.length === 1 ? ' is' : 's are'} live on this database ` +
      `(${list}; the last heartbeat expires at ${lastExpiry}). Stop every instance first, then run this command ` +
      'again. An instance that crashed stops counting once its heartbeat expires.',
  );
}

async function readLiveInstances(config: Config, now: Date): Promise<InstanceRecord[]> {
  const sqlite = config.database.engine === 'sqlite';
  if (sqlite && !existsSync(config.database.file)) return [];
  let db: Db | undefined;
  try {
    db = openDb(config.database, { readonly: sqlite });
    const tables = await db.kysely.introspection.getTables();
    // A database from before cluster membership (or an empty one) has nobody registered.
    if (!tables.some((t) => t.name === 'instances')) return [];
    return await findLiveInstances(db, now);
  } catch (error) {
    // A SQLite file that cannot be read (the reason to restore) cannot name anyone; there, the
    // data-folder lock already guards against a server on this machine, the only kind possible.
    if (sqlite) return [];
    throw error;
  } finally {
    await db?.close();
  }
}
