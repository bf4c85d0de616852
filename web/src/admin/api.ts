/**
 * The control center's only door to the server: one function per route of the admin API
 * contract (/tmp/contract/admin-api.md, served by src/http/routes/admin*.ts and auth.ts).
 *
 * The session lives in an HttpOnly cookie the browser sends by itself; the CSRF token that
 * comes with it is kept here, in memory only (never in storage a script from elsewhere could
 * read), and sent as `x-csrf-token` on every state-changing request.
 */
import type { LIST_COLUMNS } from '../../../src/domain/admin/settings/list-columns.js';
import { ApiError, errorFromBody, NETWORK_MESSAGE, parseJson } from '../shared/http.js';

export { ApiError };

export type Role = 'admin' | 'reviewer';
export type EnrollmentStatus = 'pending' | 'approved' | 'rejected' | 'changes_requested' | 'superseded';
export type Compliance = 'green' | 'yellow' | 'red';
export type ListColumn = (typeof LIST_COLUMNS)[number];

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  displayName: string;
}

export interface SignedIn {
  user: SessionUser;
  csrfToken: string;
}

export interface Enrollment {
  id: string;
  reference: string;
  techId: string;
  revision: number;
  supersedesId: string | null;
  status: EnrollmentStatus;
  fullName: string;
  district: string;
  state: string;
  referredBy: string;
  industries: string[];
  email: string;
  phone: string;
  vin: string;
  year: number;
  make: string;
  model: string;
  color: string;
  plate: string;
  insuranceProvider: string;
  insurancePolicyNumber: string;
  insuranceExpiration: string;
  registrationExpiration: string;
  comment: string;
  policyAcknowledged: boolean;
  createdAt: string;
  updatedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}

export interface Progress {
  done: number;
  total: number;
}

export interface EnrollmentListItem extends Enrollment {
  compliance: Compliance;
  checklist: Progress;
}

export interface EnrollmentPage {
  items: EnrollmentListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StoredDocument {
  id: string;
  /** An upload slot (`vehicle_front`, `insurance`, …), `signature` or `signed_policy`. */
  category: string;
  position: number;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  originalName: string | null;
  createdAt: string;
  url: string;
}

export interface ChecklistTask {
  key: string;
  label: string;
  completedAt: string | null;
  completedBy: string | null;
}

export interface ChecklistState {
  checklist: ChecklistTask[];
  checklistProgress: Progress;
}

export interface VinDecode {
  make: string | null;
  model: string | null;
  modelYear: number | string | null;
  bodyStyle: string | null;
  fuelType: string | null;
  source?: string | null;
}

export interface RevisionSummary {
  id: string;
  revision: number;
  status: EnrollmentStatus;
  reference: string;
  supersedesId: string | null;
  createdAt: string;
}

export interface RevisionChanges {
  revision: number;
  fields: { field: string; from: unknown; to: unknown }[];
}

export interface RequestedChanges {
  fields: string[];
  message: string;
  /** Only in the answer to the request itself: the server keeps a hash of the code, not the link. */
  link: string | null;
  requestedAt?: string | null;
  requestedBy?: string | null;
}

export interface AuditEvent {
  id: string;
  enrollmentId: string | null;
  actor: string;
  actorId: string | null;
  action: string;
  occurredAt: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export interface EnrollmentDetail extends ChecklistState {
  enrollment: Enrollment;
  documents: StoredDocument[];
  compliance: Compliance;
  vinDecode: VinDecode | null;
  vinMismatch: string[];
  revisions: RevisionSummary[];
  changes: RevisionChanges[];
  requestedChanges?: RequestedChanges;
  history: AuditEvent[];
}

export interface Overview {
  byStatus: Record<string, number>;
  expiringWithin30Days: number;
  expired: number;
  submissionsPerWeek: { weekStart: string; count: number }[];
  backup: { lastVerified: { name: string; ageHours: number } | null; warning?: string };
}

export interface BackupSummary {
  name: string;
  kind: string;
  createdAt: string;
  engine: string;
  /** null: never verified. */
  verified: boolean | null;
  verifiedAt?: string | null;
  sizeBytes: number;
  enrollments: number;
  files: number;
}

export interface BackupJob {
  state: 'running' | 'succeeded' | 'failed';
  /** The contract says a fraction 0-1; the server sends a sentence. Both are shown. */
  progress?: number | string;
  message?: string;
  name?: string;
}

export interface Account extends SessionUser {
  disabled: boolean;
  passwordSet: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface ChecklistDefinition {
  tasks: { key: string; label: string }[];
}

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

async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
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

export function updateAccount(id: string, change: { role?: Role; disabled?: boolean }): Promise<{ user: Account }> {
  return request('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body: change });
}

// Backups (admin only)

export function listBackups(): Promise<{ backups: BackupSummary[] }> {
  return request('GET', '/api/admin/backups');
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
