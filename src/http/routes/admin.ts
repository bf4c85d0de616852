import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { describeBackupHealth } from '../../backup/backup-health.js';
import { getEnrollmentDetail } from '../../domain/admin/enrollments/get-enrollment-detail.js';
import { exportEnrollmentsCsv } from '../../domain/admin/export/export-enrollments-csv.js';
import { getOverview } from '../../domain/admin/overview/get-overview.js';
import { getPreferences } from '../../domain/admin/settings/get-preferences.js';
import { savePreferences } from '../../domain/admin/settings/save-preferences.js';
import { listEnrollments } from '../../domain/enrollment/list-enrollments.js';
import { AppError } from '../../errors.js';
import { readVerified } from '../../files/read-verified.js';

import { findDocumentById } from '../../storage/repositories/document.repository.js';
import { actionContext, installAdminAccess } from '../admin-auth.js';
import type { AppDeps } from '../app.js';
import { parseRange, sendStoredFile } from '../send-stored-file.js';
import { registerAdminBackupRoutes } from './admin-backups.js';
import { registerAdminEnrollmentActionRoutes } from './admin-enrollment-actions.js';
import { registerAdminNotificationRoutes } from './admin-notifications.js';
import { registerAdminSettingsRoutes } from './admin-settings.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

const reviewer = { config: { access: 'reviewer' as const } };

/** The admin control center's API; every route is guarded by `installAdminAccess`. */
export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  installAdminAccess(app, deps);

  app.get('/api/admin/enrollments', reviewer, async (request) => listEnrollments(deps, request.query));

  app.get('/api/admin/enrollments.csv', reviewer, async (request, reply) => {
    const csv = await exportEnrollmentsCsv(deps, actionContext(request, deps.now), request.query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.filename}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(csv.content));
  });

  app.get<{ Params: { id: string } }>('/api/admin/enrollments/:id', reviewer, async (request) =>
    getEnrollmentDetail(deps, request.params.id),
  );

  app.get('/api/admin/overview', reviewer, async () =>
    getOverview({
      ...deps,
      backupHealth:
        deps.backupHealth ??
        (() =>
          describeBackupHealth(
            deps.config.paths.backups,
            deps.now(),
            deps.config.backup.maxAgeHours,
            deps.config.backup.remote,
          )),
    }),
  );

  app.get('/api/admin/preferences', reviewer, async (request) =>
    getPreferences(deps, actionContext(request, deps.now).actor),
  );
  app.put('/api/admin/preferences', reviewer, async (request) =>
    savePreferences(deps, actionContext(request, deps.now), request.body),
  );

  app.get<{ Params: { id: string } }>('/api/admin/documents/:id', reviewer, async (request, reply) => {
    const document = await findDocumentById(deps.db.kysely, request.params.id);
    if (!document) throw new AppError('NOT_FOUND', 'No document has this id.');
    const range = parseRange(request.headers.range, document.size_bytes);
    const file = await readVerified(deps.files, document.storage_key, range);
    if (file.status === 'missing') {
      throw new AppError('NOT_FOUND', 'The file of this document is missing from storage; run `byov repair`.');
    }
    if (file.status === 'damaged') {
      request.log.warn({ documentId: document.id }, 'stored file damaged: its bytes do not match their hash');
      throw new AppError(
        'FILE_DAMAGED',
        `The stored file of document ${document.id} is damaged (its bytes no longer match their SHA-256), so it ` +
          'is not shown. Run `byov repair` to put it back from a backup.',
      );
    }
    const name = `${document.category}-${document.position + 1}.${EXTENSIONS[document.content_type] ?? 'bin'}`;
    reply
      .header('content-type', document.content_type)
      .header('content-disposition', `inline; filename="${name}"`)
      .header('cache-control', 'private, max-age=3600, immutable');
    return sendStoredFile(reply, file.stream, document.size_bytes, range);
  });

  registerAdminEnrollmentActionRoutes(app, deps);
  registerAdminSettingsRoutes(app, deps);
  registerAdminNotificationRoutes(app, deps);
  registerAdminBackupRoutes(app, deps);
}
