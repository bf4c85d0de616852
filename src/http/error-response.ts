import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type AppErrorCode } from '../errors.js';
import { storageFull } from '../files/storage-guard.js';

/** The one place where error codes become HTTP statuses. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_REQUEST: 400,
  FILE_TOO_LARGE: 413,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  RATE_LIMITED: 429,
  REQUEST_TIMEOUT: 408,
  STORAGE_FULL: 507,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  SCOPE_REQUIRED: 403,
  TOO_MANY_TOKENS: 409,
  NOT_FOUND: 404,
  SCHEMA_TOO_NEW: 500,
  FOREIGN_DATABASE: 500,
  DATA_FOLDER_IN_USE: 409,
  BACKUP_INVALID: 422,
  BACKUP_NOT_FOUND: 404,
  NOT_CONFIRMED: 400,
  INVALID_TRANSITION: 409,
  MAIL_NOT_CONFIGURED: 409,
  MAIL_REFUSED: 502,
  FILE_DAMAGED: 409,
  REMOTE_FAILED: 502,
  DASHBOARD_NOT_CONFIGURED: 409,
  WEBHOOK_URL_REFUSED: 422,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; field?: string };
}

// Errors raised by Fastify and its plugins before our code runs, translated to our codes.
const FRAMEWORK_ERRORS: Record<string, () => AppError> = {
  FST_REQ_FILE_TOO_LARGE: () => new AppError('FILE_TOO_LARGE', 'A file is over the size limit.'),
  FST_FILES_LIMIT: () => new AppError('INVALID_REQUEST', 'Too many files in one submission.'),
  FST_PARTS_LIMIT: () => new AppError('INVALID_REQUEST', 'Too many parts in one submission.'),
  FST_FIELDS_LIMIT: () => new AppError('INVALID_REQUEST', 'Too many form fields in one submission.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('REQUEST_TOO_LARGE', 'The request is too large.'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () =>
    new AppError('INVALID_REQUEST', 'Send the enrollment as multipart/form-data.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError('UNSUPPORTED_FILE_TYPE', 'This content type is not accepted here.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new AppError('INVALID_REQUEST', 'The request body is empty.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('INVALID_REQUEST', 'The request body is not valid JSON.'),
  FST_INVALID_JSON_FIELD_ERROR: () =>
    new AppError('INVALID_REQUEST', 'A form field declared as JSON is not valid JSON.', { field: 'data' }),
  FST_PROTO_VIOLATION: () => new AppError('INVALID_REQUEST', 'A form field has a name that is not allowed.'),
  FST_MP_PREMATURE_CLOSE: () => new AppError('INVALID_REQUEST', 'The upload ended before it was complete.'),
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError>;
  const translate = fastifyError.code ? FRAMEWORK_ERRORS[fastifyError.code] : undefined;
  if (translate) return translate();
  if (isDiskFull(error)) return storageFull();
  if (isMalformedMultipart(error))
    return new AppError('INVALID_REQUEST', 'The upload is not well-formed multipart data.');
  if (fastifyError.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests; try again in a minute.');
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return new AppError('INVALID_REQUEST', 'The request could not be understood.');
  }
  return new AppError('INTERNAL', 'Something went wrong on our side and nothing was saved. Please try again.', {
    cause: error,
  });
}

/** A write that failed because the disk or the user's quota is full. */
function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * The multipart parser (busboy) reports a cut-off or garbled body with plain errors that carry
 * no code, only these messages; they are the client's fault, not ours.
 */
const MULTIPART_PARSER_MESSAGES = [
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /^Unsupported Content-Type\.$/,
  /^Missing Content-Type-header\.$/,
  /^Malformed part header$/,
  /^Overflow\.$/,
];

function isMalformedMultipart(error: unknown): boolean {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== undefined) return false;
  return MULTIPART_PARSER_MESSAGES.some((pattern) => pattern.test(error.message));
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
}

/** Every error leaves as `{error: {code, message, field?}}`; stack traces only reach the log. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    const status = HTTP_STATUS[appError.code];
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    return reply.status(status).send(errorBody(appError));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(errorBody(new AppError('NOT_FOUND', 'There is nothing at this address.'))),
  );
}
