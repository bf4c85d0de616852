/**
 * What an API token may be granted. Each admin route names the one scope a token needs to call
 * it, or `null` when no token may (accounts, settings, the tokens themselves: a token that could
 * mint or widen tokens would be an all-powerful one). Bundled into the browser: no imports.
 */
export const TOKEN_SCOPES = ['read', 'review', 'export', 'backup'] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What each scope allows, in the words the tokens page shows. */
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  read: 'Read enrollments, their documents, the overview and the outbox',
  review: 'Approve, reject, request changes, tick checklist tasks, delete and restore',
  export: 'Download the enrollments CSV',
  backup: 'List, start, verify and download backups',
};

/** A token lives at most this long; it is renewed by creating another. */
export const MAX_TOKEN_DAYS = 730;
