/**
 * The closed set of error codes the product reports. HTTP statuses and CLI exit codes are
 * derived from these in one place each (`http/error-response.ts`, `cli/run-command.ts`), so
 * domain code never decides how a failure is presented.
 */
export type AppErrorCode =
  /** A field of the submitted data breaks a rule; `field` names it. */
  | 'VALIDATION_FAILED'
  /** The request is not well-formed multipart, or a part is missing or unexpected. */
  | 'INVALID_REQUEST'
  /** One uploaded file is over the per-file limit. */
  | 'FILE_TOO_LARGE'
  /** The whole request is over the per-request limit. */
  | 'REQUEST_TOO_LARGE'
  /** A file's bytes are not one of the types accepted for its slot. */
  | 'UNSUPPORTED_FILE_TYPE'
  /** Too many submissions from one address in a short time. */
  | 'RATE_LIMITED'
  /** The request body arrived slower than the floor rate for too long. */
  | 'REQUEST_TIMEOUT'
  /** The data folder's disk is (nearly) full: nothing new is accepted until space is freed. */
  | 'STORAGE_FULL'
  /** No credentials, or wrong ones. */
  | 'UNAUTHORIZED'
  /** Credentials are fine but the action is not allowed (or admin access is not configured). */
  | 'FORBIDDEN'
  /** The API token has passed its expiry date. */
  | 'TOKEN_EXPIRED'
  /** The API token was revoked by an admin. */
  | 'TOKEN_REVOKED'
  /** The API token is valid but lacks the scope this route needs; the message names it. */
  | 'SCOPE_REQUIRED'
  /** As many API tokens are live as the product allows: revoke one first. */
  | 'TOO_MANY_TOKENS'
  | 'NOT_FOUND'
  /** The database was written by a newer version of the product than this one. */
  | 'SCHEMA_TOO_NEW'
  /** The configured SQLite file is not this product's database (the earlier version's, another app's): it is left untouched. */
  | 'FOREIGN_DATABASE'
  /** A running server holds the data folder, or server instances are live on the shared database. */
  | 'DATA_FOLDER_IN_USE'
  /** A backup is damaged, incomplete or not a backup of this product. */
  | 'BACKUP_INVALID'
  | 'BACKUP_NOT_FOUND'
  /** The user declined a confirmation, or none could be asked for. */
  | 'NOT_CONFIRMED'
  /** The action does not apply to the record in its current state (approve a superseded revision). */
  | 'INVALID_TRANSITION'
  /** E-mail cannot be sent now: SMTP_URL is not set. */
  | 'MAIL_NOT_CONFIGURED'
  /** The SMTP server could not be reached or refused the message; the message says why. */
  | 'MAIL_REFUSED'
  /** A stored file's bytes no longer match their SHA-256 (disk damage): it is not served. */
  | 'FILE_DAMAGED'
  /** The dashboard sync is off (DASHBOARD_URL is not set), so there is nothing to retry. */
  | 'DASHBOARD_NOT_CONFIGURED'
  /** A webhook URL is (or resolves to) a private, loopback or link-local address WEBHOOK_ALLOWED_HOSTS does not name, or does not resolve. */
  | 'WEBHOOK_URL_REFUSED'
  /** The off-machine backup remote could not be reached or refused a request (after retries). */
  | 'REMOTE_FAILED'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { field?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
