import type { FastifyInstance } from 'fastify';
import { presentSubmission } from '../../domain/enrollment/present-submission.js';
import { submitEnrollment } from '../../domain/enrollment/submit-enrollment.js';
import type { WizardDeps } from '../app.js';
import { readEnrollmentUpload } from '../read-enrollment-upload.js';
import { SubmissionResponseSchema } from '../response-schemas.js';

export function registerEnrollmentRoutes(app: FastifyInstance, deps: WizardDeps): void {
  app.post(
    '/api/enrollments',
    {
      config: {
        rateLimit: { max: deps.config.rateLimit.submissionsPerMinute, timeWindow: '1 minute' },
        doc: {
          summary: 'Submit an enrollment',
          multipart: 'A `data` part (JSON, see EnrollmentSchema in the README) and one part per document slot',
          responses: { 201: SubmissionResponseSchema },
        },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const { enrollment, uploads, timeZone, language } = await readEnrollmentUpload(request, {
        files: deps.files,
        images: deps.images,
        limits: deps.config.uploads,
        now,
      });
      const result = await submitEnrollment(
        { db: deps.db, files: deps.files, now: deps.now, policies: deps.policies, renderPdf: deps.renderPdf },
        {
          enrollment,
          uploads,
          timeZone,
          language,
          client: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        },
      );
      request.log.info({ enrollmentId: result.id, revision: result.revision }, 'enrollment submitted');
      deps.events?.onEnrollmentSubmitted?.();
      return reply.status(201).send(presentSubmission(result));
    },
  );
}
