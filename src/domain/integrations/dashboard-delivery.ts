import { buffer } from 'node:stream/consumers';
import type { Kysely } from 'kysely';
import type { IntegrationsConfig } from '../../config.js';
import type { FileStore } from '../../files/file-store.js';
import { postJson } from '../../net/post-json.js';
import type { Database, OutboxRow } from '../../storage/database.js';
import type { Db } from '../../storage/db.js';
import { insertAuditEvent } from '../../storage/repositories/audit.repository.js';
import { completeOpenTask } from '../../storage/repositories/checklist.repository.js';
import { listDocumentsOf } from '../../storage/repositories/document.repository.js';
import { findEnrollmentById } from '../../storage/repositories/enrollment.repository.js';
import { SYSTEM_ACTOR_LABEL } from '../notifications/complete-task-on-delivery.js';
import { DeliveryFailure, type DeliveryResponse, type OutboxHandler } from '../outbox/outbox-handler.js';
import {
  DASHBOARD_SYNC_KIND,
  DASHBOARD_SYNC_TASK,
  type DashboardProgress,
  type DashboardSyncPayload,
  dashboardIdFrom,
  dashboardPhoto,
  dashboardRecord,
  missingFromPartial,
  parseProgress,
  photoName,
} from './dashboard-record.js';
import { assertAccepted, loggedResponse, noAnswer } from './http-outcome.js';

export interface DashboardDeliveryDeps {
  db: Db;
  files: FileStore;
  integrations: IntegrationsConfig & { dashboard: NonNullable<IntegrationsConfig['dashboard']> };
}

/**
 * Sends a queued sync to the dashboard: the technician record
 * (`POST /api/external/technicians`), then the photos not yet accepted
 * (`POST /api/external/technicians/{externalId}/photos`). A 207 to the photos keeps the ones
 * accepted and retries the rest; each step already accepted is not sent again.
 */
export function dashboardHandler(deps: DashboardDeliveryDeps): OutboxHandler {
  const { dashboard } = deps.integrations;
  const post = (path: string, body: unknown) =>
    postJson({
      url: new URL(`${dashboard.url}${path}`),
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${dashboard.token}` },
      timeoutMs: deps.integrations.timeoutMs,
    });
  return {
    kindPrefixes: ['dashboard.'],
    handles: (kind) => kind === DASHBOARD_SYNC_KIND,
    retryPolicy: () => deps.integrations,
    async deliver(message) {
      const { enrollmentId, externalId } = JSON.parse(message.payload) as DashboardSyncPayload;
      const progress = parseProgress(message.progress);
      const db = deps.db.kysely;
      const row = await findEnrollmentById(db, enrollmentId);
      if (!row) throw new DeliveryFailure('The enrollment no longer exists.', { permanent: true });
      let last: DeliveryResponse | undefined;
      if (!progress.record) {
        const response = await post('/api/external/technicians', dashboardRecord(row, externalId)).catch((e) =>
          noAnswer(e, { ...progress }),
        );
        last = assertAccepted('The dashboard', response, { ...progress });
        progress.record = true;
        progress.dashboardId = dashboardIdFrom(response.body) ?? progress.dashboardId;
      }
      const pending = (await listDocumentsOf(db, enrollmentId)).filter((d) => !progress.photos.includes(photoName(d)));
      if (pending.length === 0) return { response: last };
      const photos = [];
      for (const document of pending)
        photos.push(dashboardPhoto(document, await buffer(deps.files.read(document.storage_key))));
      const path = `/api/external/technicians/${encodeURIComponent(externalId)}/photos`;
      const response = await post(path, { externalId, photos }).catch((e) => noAnswer(e, snapshot(progress)));
      const sent = pending.map(photoName);
      if (response.status === 207) {
        const missing = missingFromPartial(response.body, sent);
        progress.photos.push(...sent.filter((name) => !missing.includes(name)));
        throw new DeliveryFailure(
          `The dashboard stored ${sent.length - missing.length} of ${sent.length} photos (207); the rest are retried.`,
          {
            permanent: false,
            response: loggedResponse(response),
            progress: snapshot(progress),
          },
        );
      }
      last = assertAccepted('The dashboard', response, snapshot(progress));
      progress.photos.push(...sent);
      return { response: last };
    },
    delivered: (trx, message, at) => recordSynced(trx, message, at),
    failed: async (trx, message, at, failure) => {
      const { externalId } = JSON.parse(message.payload) as DashboardSyncPayload;
      await insertAuditEvent(trx, {
        enrollmentId: message.enrollment_id,
        actor: SYSTEM_ACTOR_LABEL,
        action: 'dashboard.sync_failed',
        occurredAt: at.toISOString(),
        details: { outboxId: message.id, externalId, status: failure.status, reason: failure.reason.slice(0, 500) },
      });
    },
  };
}

function snapshot(progress: DashboardProgress): Record<string, unknown> {
  return { ...progress, photos: [...progress.photos] };
}

/**
 * In the transaction that marks the sync sent: the audit row, and the "approved and synced"
 * task ticked by the system (left as it is when a person already ticked it).
 */
async function recordSynced(trx: Kysely<Database>, message: OutboxRow, at: Date): Promise<void> {
  if (!message.enrollment_id) return;
  const { externalId } = JSON.parse(message.payload) as DashboardSyncPayload;
  const iso = at.toISOString();
  const base = { enrollmentId: message.enrollment_id, actor: SYSTEM_ACTOR_LABEL, occurredAt: iso };
  await insertAuditEvent(trx, {
    ...base,
    action: 'dashboard.synced',
    details: { outboxId: message.id, externalId, attempts: message.attempts + 1 },
  });
  const ticked = await completeOpenTask(trx, message.enrollment_id, DASHBOARD_SYNC_TASK, {
    at: iso,
    by: SYSTEM_ACTOR_LABEL,
  });
  if (ticked) {
    await insertAuditEvent(trx, {
      ...base,
      action: 'checklist.completed_by_sync',
      details: { task: DASHBOARD_SYNC_TASK, outboxId: message.id },
    });
  }
}
