import type { FastifyInstance } from 'fastify';
import { approveEnrollment } from '../../domain/admin/enrollments/approve-enrollment.js';
import { deleteEnrollment } from '../../domain/admin/enrollments/delete-enrollment.js';
import { getEnrollmentDetail } from '../../domain/admin/enrollments/get-enrollment-detail.js';
import { PurgeSchema, purgeEnrollment } from '../../domain/admin/enrollments/purge-enrollment.js';
import { RejectSchema, rejectEnrollment } from '../../domain/admin/enrollments/reject-enrollment.js';
import { RequestChangesSchema, requestChanges } from '../../domain/admin/enrollments/request-changes.js';
import { restoreEnrollment } from '../../domain/admin/enrollments/restore-enrollment.js';
import { setChecklistTask, TickSchema } from '../../domain/admin/enrollments/set-checklist-task.js';
import { retryDashboardSync } from '../../domain/integrations/retry-dashboard-sync.js';
import { sendTaskEmail } from '../../domain/notifications/send-task-email.js';
import { actionContext, guard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';
import { DashboardSyncRetryResponseSchema, EnrollmentDetailResponseSchema } from '../response-schemas.js';

type WithId = { Params: { id: string } };

const answersDetail = { responses: { 200: EnrollmentDetailResponseSchema } };
const reviewer = guard('reviewer', 'review', answersDetail);
const admin = guard('admin', 'review', answersDetail);

/** Review decisions, the checklist, and deletion. Each answers with the enrollment as it now is. */
export function registerAdminEnrollmentActionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const review = {
    db: deps.db,
    publicUrl: deps.config.publicUrl,
    draftTtlDays: deps.config.drafts.ttlDays,
    dashboardSync: deps.config.integrations.dashboard !== undefined,
  };
  const detail = (id: string) => getEnrollmentDetail(deps, id);

  app.post<WithId>('/api/admin/enrollments/:id/approve', reviewer, async (request) => {
    await approveEnrollment(review, actionContext(request, deps.now), request.params.id);
    return detail(request.params.id);
  });

  app.post<WithId>(
    '/api/admin/enrollments/:id/reject',
    guard('reviewer', 'review', { ...answersDetail, body: RejectSchema }),
    async (request) => {
      await rejectEnrollment(review, actionContext(request, deps.now), request.params.id, request.body);
      return detail(request.params.id);
    },
  );

  app.post<WithId>(
    '/api/admin/enrollments/:id/request-changes',
    guard('reviewer', 'review', { ...answersDetail, body: RequestChangesSchema }),
    async (request) => {
      const { link } = await requestChanges(review, actionContext(request, deps.now), request.params.id, request.body);
      const current = await detail(request.params.id);
      // The link exists only now: the draft's code is stored as a hash and cannot be shown later.
      return current.requestedChanges
        ? { ...current, requestedChanges: { ...current.requestedChanges, link } }
        : current;
    },
  );

  app.put<{ Params: { id: string; taskKey: string } }>(
    '/api/admin/enrollments/:id/checklist/:taskKey',
    guard('reviewer', 'review', { body: TickSchema }),
    async (request) =>
      setChecklistTask(deps, actionContext(request, deps.now), request.params.id, request.params.taskKey, request.body),
  );

  app.post<{ Params: { id: string; taskKey: string } }>(
    '/api/admin/enrollments/:id/checklist/:taskKey/send',
    guard('reviewer', 'review', { summary: "Queue the task's e-mail" }),
    async (request, reply) => {
      const queued = await sendTaskEmail(
        deps,
        actionContext(request, deps.now),
        request.params.id,
        request.params.taskKey,
      );
      return reply.status(202).send(queued);
    },
  );

  app.post<WithId>(
    '/api/admin/enrollments/:id/dashboard-sync/retry',
    guard('reviewer', 'review', {
      summary: 'Retry the dashboard sync now',
      responses: { 202: DashboardSyncRetryResponseSchema },
    }),
    async (request, reply) => {
      const sync = await retryDashboardSync(
        { db: deps.db, dashboardConfigured: review.dashboardSync },
        actionContext(request, deps.now),
        request.params.id,
      );
      return reply.status(202).send(sync);
    },
  );

  app.delete<WithId>('/api/admin/enrollments/:id', admin, async (request) => {
    await deleteEnrollment(deps, actionContext(request, deps.now), request.params.id);
    return detail(request.params.id);
  });

  app.post<WithId>('/api/admin/enrollments/:id/restore', admin, async (request) => {
    await restoreEnrollment(deps, actionContext(request, deps.now), request.params.id);
    return detail(request.params.id);
  });

  // Irreversible, and the scheduled purge does it anyway after the grace period: no token may.
  app.post<WithId>(
    '/api/admin/enrollments/:id/purge',
    guard('admin', null, { body: PurgeSchema, responses: { 204: { description: 'Purged' } } }),
    async (request, reply) => {
      const files = await purgeEnrollment(deps, actionContext(request, deps.now), request.params.id, request.body);
      request.log.info({ filesRemoved: files.removed, filesDeferred: files.deferred }, 'enrollment purged');
      return reply.status(204).send();
    },
  );
}
