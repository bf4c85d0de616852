import type { FastifyInstance } from 'fastify';
import { openSignedPolicy } from '../../domain/enrollment/open-signed-policy.js';
import type { AppDeps } from '../app.js';
import { parseRange, sendStoredFile } from '../send-stored-file.js';

/**
 * `GET /api/enrollments/:id/policy.pdf?token=…`: the signed policy PDF, for whoever holds the
 * receipt token given at submission or the link of a confirmation e-mail (see openSignedPolicy).
 */
export function registerReceiptRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string }; Querystring: { token?: string } }>(
    '/api/enrollments/:id/policy.pdf',
    {
      config: {
        rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' },
        doc: { responses: { 200: { description: 'The signed policy', contentType: 'application/pdf' } } },
      },
    },
    async (request, reply) => {
      const pdf = await openSignedPolicy(deps, request.params.id, request.query.token, request.log, (size) =>
        parseRange(request.headers.range, size),
      );
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .header('cache-control', 'private, no-store');
      return sendStoredFile(reply, pdf.stream, pdf.sizeBytes, pdf.range);
    },
  );
}
