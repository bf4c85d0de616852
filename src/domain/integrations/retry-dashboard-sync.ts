import { AppError } from '../../errors.js';
import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import { findLatestMessageOf, requeueMessage } from '../../storage/repositories/outbox.repository.js';
import { type ActionContext, auditActor } from '../auth/actor.js';
import { DASHBOARD_SYNC_KIND } from './dashboard-record.js';
import { enqueueDashboardSync } from './enqueue-dashboard-sync.js';
import { presentDashboardSync } from './present-dashboard-sync.js';

/**
 * "Retry" on an approved enrollment: its sync goes back in the queue, due now. A failed or
 * waiting sync keeps what the dashboard already accepted; a completed one is sent whole again
 * (the same external id, so the dashboard updates rather than duplicates). An approval from
 * before DASHBOARD_URL was set gets its first sync.
 */
export async function retryDashboardSync(
  deps: { db: Db; dashboardConfigured: boolean },
  context: ActionContext,
  enrollmentId: string,
) {
  if (!deps.dashboardConfigured) {
    throw new AppError('DASHBOARD_NOT_CONFIGURED', 'The dashboard sync is off: set DASHBOARD_URL and DASHBOARD_TOKEN.');
  }
  await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findEnrollmentById(trx, enrollmentId);
    if (!row) throw new AppError('NOT_FOUND', 'No enrollment has this id.');
    if (row.status !== 'approved' || row.deleted_at !== null) {
      throw new AppError('INVALID_TRANSITION', 'Only an approved enrollment is synced to the dashboard.');
    }
    const existing = await findLatestMessageOf(trx, DASHBOARD_SYNC_KIND, enrollmentId);
    const at = context.now.toISOString();
    let outboxId: string;
    if (existing) {
      await requeueMessage(trx, existing.id, at, { restart: existing.state === 'sent' });
      outboxId = existing.id;
    } else {
      outboxId = await enqueueDashboardSync(trx, row, context.now);
    }
    await insertAuditEvent(trx, {
      enrollmentId,
      ...auditActor(context),
      action: 'dashboard.sync_retried',
      details: { outboxId, previousState: existing?.state ?? 'none' },
    });
  });
  return presentDashboardSync(deps.db.kysely, enrollmentId, true);
}
