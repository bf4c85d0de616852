/**
 * What the wizard and the admin control center share about talking to the server: the
 * `ApiError` every failure becomes, carrying the server's `{error: {code, message, field}}`,
 * or code `NETWORK` when the server could not be reached at all.
 */

/** `NETWORK` means no answer at all (offline, server down); other codes come from the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export const NETWORK_MESSAGE = 'The server could not be reached. Check your connection and try again.';

/** Turns a non-2xx answer into an ApiError, using the server's words when it sent any. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  if (error && typeof error.message === 'string') {
    const field = typeof error.field === 'string' && error.field !== '' ? error.field : undefined;
    return new ApiError(status, String(error.code ?? 'UNKNOWN'), error.message, field);
  }
  if (status === 413) return new ApiError(status, 'FILE_TOO_LARGE', 'This file is too large for the server.');
  return new ApiError(status, 'UNKNOWN', `The server answered with an error (${status}). Please try again.`);
}

/** The body as JSON, or null when it is empty or not JSON (a proxy's HTML error page). */
export function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
