import type { Kysely } from 'kysely';
import type { Database, EnrollmentRow } from '../../storage/database.js';
import { listRevisions } from '../../storage/repositories/enrollment.repository.js';
import { enqueueOutboxMessage, supersedeWaitingMessages } from '../../storage/repositories/outbox.repository.js';
import { DASHBOARD_SYNC_KIND, type DashboardSyncPayload, externalIdOf } from './dashboard-record.js';

/**
 * Queues the dashboard sync of an approved revision, in the approval's transaction. A sync of
 * an earlier revision still waiting is given up: the newer one sends the same technician
 * (same external id) with the current data.
 */
export async function enqueueDashboardSync(trx: Kysely<Database>, row: EnrollmentRow, at: Date): Promise<string> {
  const earlier = (await listRevisions(trx, row.tech_id)).map((r) => r.id).filter((id) => id !== row.id);
  await supersedeWaitingMessages(
    trx,
    DASHBOARD_SYNC_KIND,
    earlier,
    at.toISOString(),
    'Replaced by the sync of a newer approval.',
  );
  const payload: DashboardSyncPayload = { enrollmentId: row.id, externalId: externalIdOf(row) };
  const id = await enqueueOutboxMessage(trx, {
    kind: DASHBOARD_SYNC_KIND,
    recipients: [],
    payload: { ...payload },
    enrollmentId: row.id,
    at,
  });
  // Only a dedupe key makes enqueue return null, and a sync has none.
  return id as string;
}
