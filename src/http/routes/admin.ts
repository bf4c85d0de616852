import type { FastifyInstance } from 'fastify';
import { getEnrollment } from '../../domain/enrollment/get-enrollment.js';
import { listEnrollments } from '../../domain/enrollment/list-enrollments.js';
import { AppError } from '../../domain/errors.js';
import { findDocumentById } from '../../storage/repositories/document.repository.js';
import { makeAdminGuard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const onRequest = makeAdminGuard(deps.config.adminToken);

  app.get('/api/admin/enrollments', { onRequest }, async (request) => listEnrollments(deps, request.query));

  app.get<{ Params: { id: string } }>('/api/admin/enrollments/:id', { onRequest }, async (request) =>
    getEnrollment(deps, request.params.id),
  );

  app.get<{ Params: { id: string } }>('/api/admin/documents/:id', { onRequest }, async (request, reply) => {
    const document = await findDocumentById(deps.db.kysely, request.params.id);
    if (!document) throw new AppError('NOT_FOUND', 'No document has this id.');
    if (!(await deps.files.has(document.storage_key))) {
      throw new AppError('NOT_FOUND', 'The file of this document is missing from storage; restore it from a backup.');
    }
    const name = `${document.category}-${document.position + 1}.${EXTENSIONS[document.content_type] ?? 'bin'}`;
    return reply
      .header('content-type', document.content_type)
      .header('content-length', document.size_bytes)
      .header('content-disposition', `inline; filename="${name}"`)
      .header('cache-control', 'private, max-age=3600, immutable')
      .send(deps.files.read(document.storage_key));
  });
}
