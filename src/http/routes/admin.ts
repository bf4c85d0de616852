import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { describeRuntimeBackupHealth } from '../../backup/backup-health.js';
import { getEnrollmentDetail } from '../../domain/admin/enrollments/get-enrollment-detail.js';
import { openDocument } from '../../domain/admin/enrollments/open-document.js';
import { exportEnrollmentsCsv } from '../../domain/admin/export/export-enrollments-csv.js';
import { getOverview } from '../../domain/admin/overview/get-overview.js';
import { getPreferences } from '../../domain/admin/settings/get-preferences.js';
import { PreferencesSchema, savePreferences } from '../../domain/admin/settings/save-preferences.js';
import { ListQuerySchema, listEnrollments } from '../../domain/enrollment/list-enrollments.js';
import { actionContext, guard, installAdminAccess } from '../admin-auth.js';
import type { AppDeps } from '../app.js';
import { EnrollmentDetailResponseSchema, EnrollmentListResponseSchema } from '../response-schemas.js';
import { parseRange, sendStoredFile } from '../send-stored-file.js';
import { registerAdminBackupRoutes } from './admin-backups.js';
import { registerAdminEnrollmentActionRoutes } from './admin-enrollment-actions.js';
import { registerAdminNotificationRoutes } from './admin-notifications.js';
import { registerAdminSettingsRoutes } from './admin-settings.js';
import { registerAdminTokenRoutes } from './admin-tokens.js';
import { registerAdminWebhookRoutes } from './admin-webhooks.js';

/** The admin control center's API; every route is guarded by `installAdminAccess`. */
export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  installAdminAccess(app, deps);

  app.get(
    '/api/admin/enrollments',
    guard('reviewer', 'read', {
      summary: 'The enrollment list: search, filters, sorting, pages',
      query: ListQuerySchema,
      responses: { 200: EnrollmentListResponseSchema },
    }),
    async (request) => listEnrollments(deps, request.query),
  );

  app.get(
    '/api/admin/enrollments.csv',
    guard('reviewer', 'export', {
      summary: 'The filtered list as a CSV download',
      query: ListQuerySchema,
      responses: { 200: { description: 'The CSV', contentType: 'text/csv' } },
    }),
    async (request, reply) => {
      const csv = await exportEnrollmentsCsv(deps, actionContext(request, deps.now), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(csv.content));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/admin/enrollments/:id',
    guard('reviewer', 'read', {
      summary: 'One enrollment for review',
      responses: { 200: EnrollmentDetailResponseSchema },
    }),
    async (request) => getEnrollmentDetail(deps, request.params.id),
  );

  app.get(
    '/api/admin/overview',
    guard('reviewer', 'read', { summary: 'Counts, weekly submissions, backup and mail health' }),
    async () =>
      getOverview({
        ...deps,
        backupHealth: deps.backupHealth ?? (() => describeRuntimeBackupHealth(deps)),
      }),
  );

  // An account's own view settings: a token has no account.
  app.get('/api/admin/preferences', guard('reviewer', null), async (request) =>
    getPreferences(deps, actionContext(request, deps.now).actor),
  );
  app.put('/api/admin/preferences', guard('reviewer', null, { body: PreferencesSchema }), async (request) =>
    savePreferences(deps, actionContext(request, deps.now), request.body),
  );

  app.get<{ Params: { id: string } }>(
    '/api/admin/documents/:id',
    guard('reviewer', 'read', {
      summary: 'A stored document',
      responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } },
    }),
    async (request, reply) => {
      const document = await openDocument(deps, request.params.id, request.log, (size) =>
        parseRange(request.headers.range, size),
      );
      reply
        .header('content-type', document.contentType)
        .header('content-disposition', `inline; filename="${document.fileName}"`)
        .header('cache-control', 'private, max-age=3600, immutable');
      return sendStoredFile(reply, document.stream, document.sizeBytes, document.range);
    },
  );

  registerAdminEnrollmentActionRoutes(app, deps);
  registerAdminSettingsRoutes(app, deps);
  registerAdminNotificationRoutes(app, deps);
  registerAdminBackupRoutes(app, deps);
  registerAdminTokenRoutes(app, deps);
  registerAdminWebhookRoutes(app, deps);
}
