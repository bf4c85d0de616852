import type { FileStore } from '../../../files/file-store.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { listDeletedBefore, purgeEnrollmentRows } from '../../../storage/repositories/enrollment-admin.repository.js';
import { removeUnreferencedFiles } from './remove-unreferenced-files.js';

/** Soft-deleted enrollments can be restored this long; the hourly job purges them afterwards. */
export const SOFT_DELETE_RETENTION_DAYS = 30;

const BATCH = 100;

/**
 * The hourly job: purges enrollments deleted more than 30 days ago, a batch per transaction so
 * a large backlog never holds one long lock, then deletes the files nothing names any more.
 */
export async function purgeExpiredDeletions(deps: {
  db: Db;
  files: FileStore;
  now: () => Date;
}): Promise<{ enrollments: number; files: number }> {
  const now = deps.now();
  const before = new Date(now.getTime() - SOFT_DELETE_RETENTION_DAYS * 86_400_000).toISOString();
  let enrollments = 0;
  let files = 0;
  for (;;) {
    const keys = await deps.db.kysely.transaction().execute(async (trx) => {
      const rows = await listDeletedBefore(trx, before, BATCH);
      if (rows.length === 0) return null;
      const storageKeys = await purgeEnrollmentRows(
        trx,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        await insertAuditEvent(trx, {
          enrollmentId: null,
          actor: 'system',
          action: 'enrollment.purged',
          occurredAt: now.toISOString(),
          details: { reference: row.reference, reason: `deleted more than ${SOFT_DELETE_RETENTION_DAYS} days ago` },
        });
      }
      enrollments += rows.length;
      return storageKeys;
    });
    if (keys === null) return { enrollments, files };
    files += (await removeUnreferencedFiles(deps, keys)).removed;
  }
}
