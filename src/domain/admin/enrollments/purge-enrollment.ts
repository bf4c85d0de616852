import { z } from 'zod';
import { AppError } from '../../../errors.js';
import type { FileStore } from '../../../files/file-store.js';
import type { Db } from '../../../storage/db.js';
import { insertAuditEvent } from '../../../storage/repositories/audit.repository.js';
import { findEnrollmentById, listRevisions } from '../../../storage/repositories/enrollment.repository.js';
import { purgeEnrollmentRows } from '../../../storage/repositories/enrollment-admin.repository.js';
import { type ActionContext, auditActor } from '../../auth/actor.js';
import { removeUnreferencedFiles } from './remove-unreferenced-files.js';

export const PurgeSchema = z.object({ confirm: z.string().trim().max(100) });

/**
 * Removes a technician's enrollment for good: every revision, its documents, checklist and
 * history, and then the files no other row names. Irreversible, so the admin must type the
 * enrollment's reference. One audit event (without personal data) records that it happened.
 */
export async function purgeEnrollment(
  deps: { db: Db; files: FileStore; now: () => Date },
  context: ActionContext,
  id: string,
  body: unknown,
) {
  const parsed = PurgeSchema.safeParse(body ?? {});
  const keys = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
    if (!parsed.success || parsed.data.confirm.toUpperCase() !== row.reference) {
      throw new AppError('NOT_CONFIRMED', `Type the enrollment's reference (${row.reference}) to purge it.`, {
        field: 'confirm',
      });
    }
    const ids = (await listRevisions(trx, row.tech_id)).map((r) => r.id);
    const storageKeys = await purgeEnrollmentRows(trx, ids);
    await insertAuditEvent(trx, {
      enrollmentId: null,
      ...auditActor(context),
      action: 'enrollment.purged',
      details: { reference: row.reference, revisions: ids.length, documents: storageKeys.length },
    });
    return storageKeys;
  });
  // After the commit: a file is deleted only once no committed row can name it.
  return removeUnreferencedFiles(deps, keys);
}
