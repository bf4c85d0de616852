/**
 * The shapes of the API's main JSON answers, for the OpenAPI document (`GET /api/openapi.json`).
 * A test checks real answers against the document built from these, so they cannot drift from
 * what the presenters return. Objects are open (`looseObject`) where an answer carries more
 * than is described here, such as an enrollment's answer fields.
 */
import { z } from 'zod';
import { TOKEN_SCOPES } from '../shared/api-token-scopes.js';

const isoTime = z.string().describe('UTC ISO-8601 time');
const nullableTime = isoTime.nullable();
const status = z.enum(['pending', 'approved', 'rejected', 'changes_requested', 'superseded']);
const compliance = z.enum(['green', 'yellow', 'red']);
const progress = z.object({ done: z.number().int(), total: z.number().int() });

export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'warn', 'error']),
  database: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.number().int(),
  enrollments: z.number().int().optional().describe('With ADMIN_TOKEN or an admin session only'),
  backup: z
    .object({ lastVerified: z.object({ name: z.string(), ageHours: z.number() }).nullable() })
    .loose()
    .optional(),
  liveData: z.object({ problems: z.number().int(), lastCheckedAt: nullableTime }).optional(),
  storage: z.object({ low: z.boolean(), freeMb: z.number(), minFreeMb: z.number() }).optional(),
});

/** An enrollment as the API presents it: bookkeeping here, every answer field beside it. */
export const EnrollmentResponseSchema = z.looseObject({
  id: z.string(),
  reference: z.string(),
  revision: z.number().int(),
  supersedesId: z.string().nullable(),
  status,
  fullName: z.string(),
  techId: z.string(),
  vin: z.string(),
  language: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  reviewedAt: nullableTime,
  reviewedBy: z.string().nullable(),
  deletedAt: nullableTime,
});

export const EnrollmentListResponseSchema = z.object({
  items: z.array(EnrollmentResponseSchema.extend({ compliance, checklist: progress })),
  total: z.number().int(),
  totalExact: z.boolean().optional(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const DocumentResponseSchema = z.object({
  id: z.string(),
  category: z.string(),
  position: z.number().int(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  originalName: z.string().nullable(),
  createdAt: isoTime,
  url: z.string(),
});

const AuditEventResponseSchema = z.object({
  id: z.string(),
  enrollmentId: z.string().nullable(),
  actor: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  occurredAt: isoTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const EnrollmentDetailResponseSchema = z.object({
  enrollment: EnrollmentResponseSchema,
  documents: z.array(DocumentResponseSchema),
  checklist: z.array(
    z.looseObject({
      key: z.string(),
      label: z.string(),
      completedAt: nullableTime,
      completedBy: z.string().nullable(),
    }),
  ),
  checklistProgress: progress,
  compliance,
  vinDecode: z.looseObject({}).nullable(),
  vinMismatch: z.array(z.enum(['make', 'model', 'year'])),
  revisions: z.array(
    z.object({
      id: z.string(),
      revision: z.number().int(),
      status,
      reference: z.string(),
      supersedesId: z.string().nullable(),
      createdAt: isoTime,
    }),
  ),
  changes: z.array(
    z.looseObject({ revision: z.number().int(), fields: z.array(z.looseObject({ field: z.string() })) }),
  ),
  requestedChanges: z
    .looseObject({ fields: z.array(z.string()), message: z.string(), link: z.string().nullable() })
    .optional(),
  history: z.array(AuditEventResponseSchema),
  dashboardSync: z.object({
    configured: z.boolean(),
    sync: z
      .looseObject({ id: z.string(), state: z.enum(['waiting', 'sent', 'failed']), externalId: z.string() })
      .nullable(),
  }),
});

/** `POST …/dashboard-sync/retry` (202). */
export const DashboardSyncRetryResponseSchema = EnrollmentDetailResponseSchema.shape.dashboardSync;

export const SubmissionResponseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  status,
  policyPdfUrl: z.string(),
});

const DraftFileResponseSchema = z.object({
  id: z.string(),
  field: z.string(),
  position: z.number().int(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  originalName: z.string().nullable(),
  url: z.string(),
});

export const DraftResponseSchema = z.object({
  resumeCode: z.string(),
  step: z.number().int(),
  language: z.enum(['en', 'es']),
  data: z.record(z.string(), z.unknown()),
  files: z.array(DraftFileResponseSchema),
  createdAt: isoTime,
  updatedAt: isoTime,
  expiresAt: isoTime,
  /** On opening a draft: what the reviewer asked to change, when the draft answers a change request. */
  changeRequest: z
    .object({ message: z.string(), fields: z.array(z.string()) })
    .nullable()
    .optional(),
});

export const ApiTokenResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  state: z.enum(['active', 'expired', 'revoked']),
  createdAt: isoTime,
  createdBy: z.string(),
  expiresAt: isoTime,
  lastUsedAt: nullableTime,
  revokedAt: nullableTime,
  revokedBy: z.string().nullable(),
});

export const ApiTokenListResponseSchema = z.object({ tokens: z.array(ApiTokenResponseSchema) });

export const CreatedApiTokenResponseSchema = z.object({
  token: ApiTokenResponseSchema,
  secret: z.string().describe('The token itself, shown only in this answer'),
});
