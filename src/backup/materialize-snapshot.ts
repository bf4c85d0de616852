import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import { fsyncPath } from '../files/durable-fs.js';
import { openDb } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { SCHEMA_VERSION } from '../storage/migrations/index.js';
import type { SnapshotFormat } from './layout.js';
import { insertRows, readLogicalHeader, readSnapshotRows } from './snapshot-rows.js';

/**
 * Turns a snapshot into a SQLite database file at `destFile`, at the snapshot's own schema
 * version: a byte copy of a SQLite snapshot, or a fresh database loaded from a logical one.
 * Verification checks this copy and restore puts exactly this copy in place, so nothing can
 * change between the check and the restore.
 */
export async function materializeSnapshot(snapshot: string, format: SnapshotFormat, destFile: string): Promise<void> {
  if (format === 'sqlite') {
    await copyFile(snapshot, destFile);
    // A database copied by hand may come with its WAL, which holds committed transactions.
    if (existsSync(`${snapshot}-wal`)) await copyFile(`${snapshot}-wal`, `${destFile}-wal`);
  } else {
    await loadLogicalSnapshot(snapshot, destFile);
  }
  await fsyncPath(destFile);
}

async function loadLogicalSnapshot(snapshot: string, destFile: string): Promise<void> {
  const header = await readLogicalHeader(snapshot);
  if (header.schemaVersion > SCHEMA_VERSION) {
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `The snapshot has schema version ${header.schemaVersion}; this version of BYOV Enrollment knows ` +
        `versions up to ${SCHEMA_VERSION}. Upgrade the application to check or restore it.`,
    );
  }
  const db = openDb({ engine: 'sqlite', file: destFile });
  try {
    await migrateToLatest(db.kysely, header.schemaVersion);
    // Loaded as is; foreign_key_check then names every broken reference, where an enforced
    // constraint would only report the first insert that failed.
    await sql`pragma foreign_keys = off`.execute(db.kysely);
    await db.kysely.transaction().execute((trx) => insertRows(trx, readSnapshotRows(snapshot, 'jsonl')));
  } finally {
    await db.close();
  }
}
