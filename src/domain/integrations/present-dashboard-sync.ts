import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { findLatestMessageOf, listRecentAttempts } from '../../storage/repositories/outbox.repository.js';
import { DASHBOARD_SYNC_KIND, type DashboardSyncPayload, parseProgress } from './dashboard-record.js';

/**
 * The dashboard sync of one enrollment for its detail page: whether the sync is configured,
 * and the state of its newest sync with the dashboard's last answer (null when none was queued).
 */
export async function presentDashboardSync(db: Kysely<Database>, enrollmentId: string, configured: boolean) {
  const message = await findLatestMessageOf(db, DASHBOARD_SYNC_KIND, enrollmentId);
  if (!message) return { configured, sync: null };
  const [last] = await listRecentAttempts(db, message.id, 1);
  const progress = parseProgress(message.progress);
  return {
    configured,
    sync: {
      id: message.id,
      state: message.state,
      externalId: (JSON.parse(message.payload) as DashboardSyncPayload).externalId,
      attempts: message.attempts,
      recordSent: progress.record,
      photosSent: progress.photos.length,
      dashboardId: progress.dashboardId,
      lastError: message.last_error,
      lastResponse:
        last?.response_status == null ? null : { status: last.response_status, body: last.response_body ?? '' },
      queuedAt: message.queued_at,
      nextAttemptAt: message.state === 'waiting' ? message.next_attempt_at : null,
      syncedAt: message.sent_at,
    },
  };
}
