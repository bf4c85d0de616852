import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDraftFile, prepareDraftUpload } from '../../domain/draft/add-draft-file.js';
import { createDraft } from '../../domain/draft/create-draft.js';
import { parseDraftChange } from '../../domain/draft/draft-change.js';
import { getDraft } from '../../domain/draft/get-draft.js';
import { isUnknownDraft } from '../../domain/draft/open-draft.js';
import { readDraftFile } from '../../domain/draft/read-draft-file.js';
import { removeDraftFile } from '../../domain/draft/remove-draft-file.js';
import { saveDraft } from '../../domain/draft/save-draft.js';
import { parseSubmitDraftBody, submitDraft } from '../../domain/draft/submit-draft.js';
import { presentSubmission } from '../../domain/enrollment/present-submission.js';
import { emailResumeLink } from '../../domain/notifications/email-resume-link.js';
import type { WizardDeps } from '../app.js';
import { readDraftUpload } from '../read-draft-upload.js';
import { DraftResponseSchema, SubmissionResponseSchema } from '../response-schemas.js';
import { GuessGuard } from '../resume-code-guard.js';

/**
 * Server-side drafts of the technician wizard, addressed by their resume code (the capability):
 *
 * - `POST /api/drafts` → 201 Draft (optional body `{step, data, language}`)
 * - `GET /api/drafts/:code` → Draft; `PUT /api/drafts/:code` `{step?, data?, language?}` → Draft (a save)
 * - `POST /api/drafts/:code/files/:field` (multipart, one part `file`) → 201 DraftFile
 * - `GET|DELETE /api/drafts/:code/files/:fileId` → the bytes | 204
 * - `POST /api/drafts/:code/email-link` → {to}: e-mails a link to continue to the draft's address
 * - `POST /api/drafts/:code/submit` `{timeZone?, policySha256?}` → 201 {id, reference, status, policyPdfUrl}
 *
 * Every save extends the draft's expiry by DRAFT_TTL_DAYS. Unknown, malformed and expired codes
 * all answer the same 404; an address that sends many of them is refused for a while.
 */
export function registerDraftRoutes(app: FastifyInstance, deps: WizardDeps): void {
  const { config } = deps;
  const draftDeps = { db: deps.db, files: deps.files, now: deps.now, ttlDays: config.drafts.ttlDays };
  const guard = new GuessGuard(deps.db, deps.now);
  const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
  const wizard = perMinute(config.rateLimit.wizardRequestsPerMinute);
  const submissions = perMinute(config.rateLimit.submissionsPerMinute);

  /** Runs a handler that looks a code up, counting unknown codes against the caller's address. */
  const guarded =
    <P>(handler: (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => Promise<unknown>) =>
    async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => {
      await guard.check(request.ip);
      try {
        return await handler(request, reply);
      } catch (error) {
        if (isUnknownDraft(error)) await guard.recordMiss(request.ip);
        throw error;
      }
    };

  // Opening the wizard creates a draft, so its limit is the wizard's: technicians in one office
  // often share an address, and the submissions limit would refuse them on page load.
  app.post(
    '/api/drafts',
    {
      config: { ...wizard, doc: { summary: 'Start a draft', responses: { 201: DraftResponseSchema } } },
      bodyLimit: 64 * 1024,
    },
    async (request, reply) => {
      const draft = await createDraft(
        { ...draftDeps, maxOpenPerAddress: config.drafts.maxOpenPerAddress },
        request.ip,
        parseDraftChange(request.body),
      );
      return reply.status(201).send(draft);
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/drafts/:code',
    { config: { ...wizard, doc: { summary: 'A draft by its resume code', responses: { 200: DraftResponseSchema } } } },
    guarded(async (request) => getDraft(draftDeps, request.params.code)),
  );

  app.put<{ Params: { code: string } }>(
    '/api/drafts/:code',
    {
      config: { ...wizard, doc: { summary: 'Save a draft', responses: { 200: DraftResponseSchema } } },
      bodyLimit: 64 * 1024,
    },
    guarded(async (request) => saveDraft(draftDeps, request.params.code, parseDraftChange(request.body))),
  );

  app.post<{ Params: { code: string; field: string } }>(
    '/api/drafts/:code/files/:field',
    { config: { ...wizard, doc: { multipart: 'One part `file`: the upload for this slot' } } },
    guarded(async (request, reply) => {
      const target = await prepareDraftUpload(
        { ...draftDeps, maxRequestBytes: config.uploads.maxRequestBytes },
        request.params.code,
        request.params.field,
      );
      const upload = await readDraftUpload(request, target, {
        files: deps.files,
        images: deps.images,
        limits: config.uploads,
      });
      return reply.status(201).send(await addDraftFile(draftDeps, target, upload));
    }),
  );

  app.get<{ Params: { code: string; fileId: string } }>(
    '/api/drafts/:code/files/:fileId',
    {
      config: {
        ...wizard,
        doc: { responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } } },
      },
    },
    guarded(async (request, reply) => {
      const file = await readDraftFile(draftDeps, request.params.code, request.params.fileId, request.log);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', `inline; filename="${file.field}-${file.position + 1}"`)
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    }),
  );

  app.delete<{ Params: { code: string; fileId: string } }>(
    '/api/drafts/:code/files/:fileId',
    { config: { ...wizard, doc: { responses: { 204: { description: 'Removed' } } } } },
    guarded(async (request, reply) => {
      await removeDraftFile(draftDeps, request.params.code, request.params.fileId);
      return reply.status(204).send();
    }),
  );

  app.post<{ Params: { code: string } }>(
    '/api/drafts/:code/email-link',
    { config: submissions },
    guarded(async (request) => emailResumeLink(draftDeps, request.params.code)),
  );

  app.post<{ Params: { code: string } }>(
    '/api/drafts/:code/submit',
    { config: { ...submissions, doc: { responses: { 201: SubmissionResponseSchema } } }, bodyLimit: 16 * 1024 },
    guarded(async (request, reply) => {
      const body = parseSubmitDraftBody(request.body);
      const result = await submitDraft(
        { db: deps.db, files: deps.files, now: deps.now, policies: deps.policies, renderPdf: deps.renderPdf },
        {
          code: request.params.code,
          client: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
          ...body,
        },
      );
      request.log.info({ enrollmentId: result.id, revision: result.revision }, 'enrollment submitted from a draft');
      deps.events?.onEnrollmentSubmitted?.();
      return reply.status(201).send(presentSubmission(result));
    }),
  );
}
