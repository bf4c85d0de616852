/**
 * The control center's only door to the server: one function per route of the admin API
 * contract, as served by src/http/routes/admin*.ts and auth.ts.
 *
 * The session lives in an HttpOnly cookie the browser sends by itself; the CSRF token that
 * comes with it is kept here, in memory only (never in storage a script from elsewhere could
 * read), and sent as `x-csrf-token` on every state-changing request.
 */
import { ApiError, errorFromBody, NETWORK_MESSAGE, parseJson } from '../shared/http.js';
import type {
  Account,
  ApiToken,
  ApprovalNoticeSettings,
  BackupJob,
  BackupSummary,
  ChecklistDefinition,
  ChecklistState,
  EnrollmentDetail,
  EnrollmentPage,
  ListColumn,
  MailPreview,
  MailStatus,
  NotificationSettings,
  OutboxMessage,
  Overview,
  RemoteCopies,
  Role,
  SignedIn,
  TaskEmail,
  TaskEmailSettings,
  TemplateSettings,
  TokenScope,
} from './api-types.js';

export type * from './api-types.js';
export { ApiError };

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Remembers (or forgets, with null) the CSRF token of the current session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended (expired, signed out elsewhere, disabled). */
export function onSessionEnded(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function headersFor(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

interface RequestOptions {
  body?: unknown;
  /** Sign-in and session checks answer 401 as a normal outcome, not as "the session ended". */
  expectUnauthorized?: boolean;
}

export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, options.body !== undefined),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  const body = parseJson(await response.text().catch(() => ''));
  if (response.ok) return body as T;
  if (response.status === 401 && !options.expectUnauthorized) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw errorFromBody(response.status, body);
}

const enrollmentPath = (id: string) => `/api/admin/enrollments/${encodeURIComponent(id)}`;

// Auth

export function signIn(email: string, password: string): Promise<SignedIn> {
  return request('POST', '/api/auth/login', { body: { email, password }, expectUnauthorized: true });
}

export function signOut(): Promise<null> {
  return request('POST', '/api/auth/logout', { expectUnauthorized: true });
}

export function getSession(): Promise<SignedIn> {
  return request('GET', '/api/auth/session', { expectUnauthorized: true });
}

export function completeSetup(input: {
  token: string;
  email: string;
  password: string;
  displayName: string;
}): Promise<SignedIn> {
  return request('POST', '/api/auth/setup', { body: input, expectUnauthorized: true });
}

// Enrollments

/** The list's query string, exactly as the server takes it (and as the page's URL mirrors it). */
export function listEnrollments(query: URLSearchParams): Promise<EnrollmentPage> {
  return request('GET', `/api/admin/enrollments?${query}`);
}

/** The CSV export's address for the same filters; paging is left out: the export is complete. */
export function enrollmentsCsvUrl(query: URLSearchParams): string {
  const filters = new URLSearchParams(query);
  filters.delete('page');
  filters.delete('pageSize');
  const text = filters.toString();
  return `/api/admin/enrollments.csv${text ? `?${text}` : ''}`;
}

export function getEnrollment(id: string): Promise<EnrollmentDetail> {
  return request('GET', enrollmentPath(id));
}

export function approveEnrollment(id: string): Promise<EnrollmentDetail> {
  return request('POST', `${enrollmentPath(id)}/approve`);
}

export function rejectEnrollment(id: string, reason: string): Promise<EnrollmentDetail> {
  return request('POST', `${enrollmentPath(id)}/reject`, { body: { reason } });
}

export function requestChanges(id: string, fields: string[], message: string): Promise<EnrollmentDetail> {
  return request('POST', `${enrollmentPath(id)}/request-changes`, { body: { fields, message } });
}

export function deleteEnrollment(id: string): Promise<EnrollmentDetail> {
  return request('DELETE', enrollmentPath(id));
}

export function restoreEnrollment(id: string): Promise<EnrollmentDetail> {
  return request('POST', `${enrollmentPath(id)}/restore`);
}

export function purgeEnrollment(id: string, reference: string): Promise<null> {
  return request('POST', `${enrollmentPath(id)}/purge`, { body: { confirm: reference } });
}

export function setChecklistTask(id: string, taskKey: string, done: boolean): Promise<ChecklistState> {
  return request('PUT', `${enrollmentPath(id)}/checklist/${encodeURIComponent(taskKey)}`, { body: { done } });
}

export function sendChecklistTaskEmail(id: string, taskKey: string): Promise<{ id: string; recipients: number }> {
  return request('POST', `${enrollmentPath(id)}/checklist/${encodeURIComponent(taskKey)}/send`);
}

// Overview and preferences

export function getOverview(): Promise<Overview> {
  return request('GET', '/api/admin/overview');
}

export function getPreferences(): Promise<{ columns: ListColumn[] }> {
  return request('GET', '/api/admin/preferences');
}

export function savePreferences(columns: ListColumn[]): Promise<{ columns: ListColumn[] }> {
  return request('PUT', '/api/admin/preferences', { body: { columns } });
}

// Settings and users (admin only)

export function getChecklistSettings(): Promise<ChecklistDefinition> {
  return request('GET', '/api/admin/settings/checklist');
}

export function saveChecklistSettings(definition: ChecklistDefinition): Promise<ChecklistDefinition> {
  return request('PUT', '/api/admin/settings/checklist', { body: definition });
}

export function listAccounts(): Promise<{ users: Account[] }> {
  return request('GET', '/api/admin/users');
}

export function createAccount(input: {
  email: string;
  role: Role;
  displayName?: string;
}): Promise<{ user: Account; setupLink: string; setupLinkExpiresAt?: string }> {
  return request('POST', '/api/admin/users', { body: input });
}

export function listApiTokens(): Promise<{ tokens: ApiToken[] }> {
  return request('GET', '/api/admin/tokens');
}

/** The answer carries the token's secret: the only time it is ever shown. */
export function createApiToken(input: {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number;
}): Promise<{ token: ApiToken; secret: string }> {
  return request('POST', '/api/admin/tokens', { body: input });
}

export function revokeApiToken(id: string): Promise<ApiToken> {
  return request('POST', `/api/admin/tokens/${encodeURIComponent(id)}/revoke`);
}

export function updateAccount(id: string, change: { role?: Role; disabled?: boolean }): Promise<{ user: Account }> {
  return request('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body: change });
}

// E-mail: the outbox (reviewers read, admins resend) and its settings (admin only)

export function listNotifications(state: string): Promise<{ status: MailStatus; messages: OutboxMessage[] }> {
  return request('GET', `/api/admin/notifications${state ? `?state=${encodeURIComponent(state)}` : ''}`);
}

export function resendNotification(id: string): Promise<{ id: string; state: string }> {
  return request('POST', `/api/admin/notifications/${encodeURIComponent(id)}/resend`);
}

export function getNotificationSettings(): Promise<NotificationSettings> {
  return request('GET', '/api/admin/settings/notifications');
}

export function saveNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  return request('PUT', '/api/admin/settings/notifications', { body: settings });
}

export function sendTestEmail(to: string): Promise<{ to: string; serverResponse: string }> {
  return request('POST', '/api/admin/settings/notifications/test', { body: { to } });
}

const MAIL_SETTINGS = '/api/admin/settings/notifications';

export function getApprovalNoticeSettings(): Promise<ApprovalNoticeSettings> {
  return request('GET', `${MAIL_SETTINGS}/approval`);
}

export function saveApprovalNoticeSettings(settings: ApprovalNoticeSettings): Promise<ApprovalNoticeSettings> {
  return request('PUT', `${MAIL_SETTINGS}/approval`, { body: settings });
}

export function previewApprovalNotice(settings: ApprovalNoticeSettings): Promise<MailPreview> {
  return request('POST', `${MAIL_SETTINGS}/approval/preview`, { body: settings });
}

export function getTaskEmailSettings(): Promise<TaskEmailSettings> {
  return request('GET', `${MAIL_SETTINGS}/tasks`);
}

export function saveTaskEmailSettings(settings: TaskEmailSettings): Promise<TaskEmailSettings> {
  return request('PUT', `${MAIL_SETTINGS}/tasks`, { body: settings });
}

export function previewTaskEmail(label: string, email: TaskEmail): Promise<MailPreview> {
  return request('POST', `${MAIL_SETTINGS}/tasks/preview`, { body: { label, ...email } });
}

export function getTemplateSettings(): Promise<TemplateSettings> {
  return request('GET', `${MAIL_SETTINGS}/templates`);
}

export function saveTemplateSettings(templates: TemplateSettings['templates']): Promise<TemplateSettings> {
  return request('PUT', `${MAIL_SETTINGS}/templates`, { body: { templates } });
}

export function previewTemplate(kind: string, texts: { subject: string; intro: string }): Promise<MailPreview> {
  return request('POST', `${MAIL_SETTINGS}/templates/preview`, { body: { kind, ...texts } });
}

// Backups (admin only)

export function listBackups(): Promise<{ backups: BackupSummary[] }> {
  return request('GET', '/api/admin/backups');
}

export function listRemoteCopies(): Promise<RemoteCopies> {
  return request('GET', '/api/admin/backups/remote');
}

export function startBackup(): Promise<{ jobId: string }> {
  return request('POST', '/api/admin/backups');
}

export function getBackupJob(jobId: string): Promise<BackupJob> {
  return request('GET', `/api/admin/backups/jobs/${encodeURIComponent(jobId)}`);
}

export function verifyBackup(name: string): Promise<{ ok: boolean; problems: string[] }> {
  return request('POST', `/api/admin/backups/${encodeURIComponent(name)}/verify`);
}

export function backupDownloadUrl(name: string): string {
  return `/api/admin/backups/${encodeURIComponent(name)}/download`;
}
