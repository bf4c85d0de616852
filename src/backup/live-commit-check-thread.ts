/**
 * Worker-thread entry of `takeCheckedSqliteSnapshot`: opens the live database read-only and says
 * "opened" on the task's port; on "begin" it starts a read transaction, says "reading", and
 * inspects exactly the commit that transaction sees, however many commits land meanwhile.
 */
import { once } from 'node:events';
import { sql } from 'kysely';
import type { Db } from '../storage/db.js';
import type { ThreadAnswer } from './inspect-database.js';
import { type DatabaseInspection, inspectOpenDatabase, openForInspection, unreadable } from './inspect-database.js';
import type { LiveCheckTask } from './snapshot-sqlite.js';

export default async function checkLiveCommit({ file, port }: LiveCheckTask): Promise<ThreadAnswer> {
  try {
    const opened = openForInspection(file);
    if (!('kysely' in opened)) return { ok: true, inspection: opened };
    try {
      port.postMessage('opened');
      await once(port, 'message');
      return { ok: true, inspection: await inspectThisCommit(opened, () => port.postMessage('reading')) };
    } finally {
      await opened.close();
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    port.close();
  }
}

async function inspectThisCommit(db: Db, onReading: () => void): Promise<DatabaseInspection> {
  await sql`begin`.execute(db.kysely);
  try {
    // A read transaction takes its view of the database at its first read.
    await sql`select count(*) from sqlite_schema`.execute(db.kysely);
  } catch (error) {
    return unreadable(error);
  }
  onReading();
  return inspectOpenDatabase(db.kysely, 'quick');
}
