import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDraftFile, prepareDraftUpload } from '../../domain/draft/add-draft-file.js';
import { createDraft } from '../../domain/draft/create-draft.js';
import { parseDraftChange } from '../../domain/draft/draft-change.js';
import { getDraft } from '../../domain/draft/get-draft.js';
import { isUnknownDraft } from '../../domain/draft/open-draft.js';
import { readDraftFile } from '../../domain/draft/read-draft-file.js';
import { removeDraftFile } from '../../domain/draft/remove-draft-file.js';
import { saveDraft } from '../../domain/draft/save-draft.js';
import { submitDraft } from '../../domain/draft/submit-draft.js';
import { emailResumeLink } from '../../domain/notifications/email-resume-link.js';
import type { PolicyLibrary } from '../../domain/policy/policy-library.js';
import { AppError } from '../../errors.js';
import type { WizardDeps } from '../app.js';
import { readDraftUpload } from '../read-draft-upload.js';
import { presentSubmission } from './receipts.js';

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
  const guard = new GuessGuard(deps.now);
  const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
  const wizard = perMinute(config.rateLimit.wizardRequestsPerMinute);
  const submissions = perMinute(config.rateLimit.submissionsPerMinute);

  /** Runs a handler that looks a code up, counting unknown codes against the caller's address. */
  const guarded =
    <P>(handler: (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => Promise<unknown>) =>
    async (request: FastifyRequest<{ Params: P }>, reply: FastifyReply) => {
      guard.check(request.ip);
      try {
        return await handler(request, reply);
      } catch (error) {
        if (isUnknownDraft(error)) guard.recordMiss(request.ip);
        throw error;
      }
    };

  // Opening the wizard creates a draft, so its limit is the wizard's: technicians in one office
  // often share an address, and the submissions limit would refuse them on page load.
  app.post('/api/drafts', { config: wizard, bodyLimit: 64 * 1024 }, async (request, reply) => {
    const draft = await createDraft(draftDeps, parseDraftChange(request.body));
    return reply.status(201).send(draft);
  });

  app.get<{ Params: { code: string } }>(
    '/api/drafts/:code',
    { config: wizard },
    guarded(async (request) => getDraft(draftDeps, request.params.code)),
  );

  app.put<{ Params: { code: string } }>(
    '/api/drafts/:code',
    { config: wizard, bodyLimit: 64 * 1024 },
    guarded(async (request) => saveDraft(draftDeps, request.params.code, parseDraftChange(request.body))),
  );

  app.post<{ Params: { code: string; field: string } }>(
    '/api/drafts/:code/files/:field',
    { config: wizard },
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
    { config: wizard },
    guarded(async (request, reply) => {
      const file = await readDraftFile(draftDeps, request.params.code, request.params.fileId).catch((error) => {
        // Like a document's: disk damage is for the operator to see; the file id names no one.
        if (error instanceof AppError && error.code === 'FILE_DAMAGED') {
          request.log.warn(
            { draftFileId: request.params.fileId },
            'stored file damaged: its bytes do not match their hash',
          );
        }
        throw error;
      });
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
    { config: wizard },
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
    { config: submissions, bodyLimit: 16 * 1024 },
    guarded(async (request, reply) => {
      const body = parseSubmitBody(request.body);
      const result = await submitDraft(
        { db: deps.db, files: deps.files, now: deps.now, policies: deps.policies },
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

/** `{timeZone?, policySha256?}`; a time zone that is not text is ignored (the PDF then uses UTC). */
function parseSubmitBody(body: unknown): { timeZone?: string; policySha256?: string } {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError(
      'INVALID_REQUEST',
      'Send the submission as a JSON object, like {"timeZone": "America/Chicago"}.',
    );
  }
  const { timeZone, policySha256 } = body as Record<string, unknown>;
  const result: { timeZone?: string; policySha256?: string } = {};
  if (typeof timeZone === 'string') result.timeZone = timeZone.slice(0, 64);
  if (policySha256 !== undefined) {
    if (typeof policySha256 !== 'string' || !/^[0-9a-f]{64}$/.test(policySha256)) {
      throw new AppError('VALIDATION_FAILED', 'policySha256 must be the policy\'s "sha256" as given by /api/policy.', {
        field: 'policySha256',
      });
    }
    result.policySha256 = policySha256;
  }
  return result;
}

const GUESS_WINDOW_MS = 15 * 60 * 1000;
const MAX_MISSES_PER_WINDOW = 20;

/**
 * Refuses, for a while, an address that keeps presenting unknown resume codes. A technician
 * mistypes a code a few times at most; a script guessing codes is stopped long before the
 * 2^50 possibilities matter. In memory: a restart forgets, which costs a guesser nothing it
 * could use.
 */
class GuessGuard {
  private readonly misses = new Map<string, { count: number; since: number }>();

  constructor(private readonly now: () => Date) {}

  check(ip: string): void {
    const entry = this.current(ip);
    if (entry && entry.count >= MAX_MISSES_PER_WINDOW) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many unknown resume codes from this address. Check the code and try again in 15 minutes.',
      );
    }
  }

  recordMiss(ip: string): void {
    const entry = this.current(ip);
    if (entry) entry.count += 1;
    else this.misses.set(ip, { count: 1, since: this.now().getTime() });
    if (this.misses.size > 10_000) this.prune();
  }

  private current(ip: string) {
    const entry = this.misses.get(ip);
    if (entry && this.now().getTime() - entry.since > GUESS_WINDOW_MS) {
      this.misses.delete(ip);
      return undefined;
    }
    return entry;
  }

  private prune(): void {
    const cutoff = this.now().getTime() - GUESS_WINDOW_MS;
    for (const [ip, entry] of this.misses) if (entry.since < cutoff) this.misses.delete(ip);
  }
}
