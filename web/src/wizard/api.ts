/**
 * The wizard's only door to the server: one function per route of the wizard API contract
 * (see src/http/routes/drafts.ts). Every failure becomes an `ApiError` carrying the server's
 * `{error: {code, message, field}}`, or code `NETWORK` when the server could not be reached.
 */
import { ApiError, errorFromBody, NETWORK_MESSAGE, parseJson } from '../shared/http.js';
import type { EnrollmentField, UploadField } from './state/types.js';

export { ApiError };

export type DraftData = Partial<Record<EnrollmentField, unknown>>;

export interface DraftFile {
  id: string;
  field: UploadField;
  position: number;
  contentType: string;
  sizeBytes: number;
  originalName: string;
  url: string;
}

export interface Draft {
  resumeCode: string;
  step: number;
  /** The language the technician chose ('en' or 'es'). */
  language?: string;
  data: DraftData;
  files: DraftFile[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  /** Set when an admin's request for changes opened this draft (on GET only). */
  changeRequest?: ChangeRequest | null;
}

export interface ChangeRequest {
  message: string;
  /** Form fields and upload slots to fix. */
  fields: string[];
}

export interface SubmitResult {
  id: string;
  reference: string;
  status: 'pending';
  policyPdfUrl: string;
}

export interface DecodedVehicle {
  make: string | null;
  model: string | null;
  modelYear: number | string | null;
  bodyStyle: string | null;
  fuelType: string | null;
}

export interface VinLookup {
  vin: string;
  decoded: DecodedVehicle | null;
  source: 'offline' | 'nhtsa' | null;
}

export interface Policy {
  templateId: string;
  version: string;
  title: string;
  text: string;
  sha256: string;
  /** The language of the text, when the company supplies the policy in more than English. */
  language?: string;
}

function draftPath(code: string): string {
  return `/api/drafts/${encodeURIComponent(code)}`;
}

async function request<T>(method: string, url: string, options: { body?: unknown; signal?: AbortSignal } = {}) {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal: options.signal,
      headers: options.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  const body = parseJson(await response.text().catch(() => ''));
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

export function createDraft(): Promise<Draft> {
  return request<Draft>('POST', '/api/drafts', { body: {} });
}

export function getDraft(code: string): Promise<Draft> {
  return request<Draft>('GET', draftPath(code));
}

export function saveDraft(code: string, step: number, data: DraftData, language: string): Promise<Draft> {
  return request<Draft>('PUT', draftPath(code), { body: { step, data, language } });
}

export async function deleteDraftFile(code: string, fileId: string): Promise<void> {
  await request<null>('DELETE', `${draftPath(code)}/files/${encodeURIComponent(fileId)}`);
}

/**
 * `policySha256` names the policy text the technician read; the server refuses the submission
 * (field `policy`) when the policy for their state is no longer that text.
 */
/** Asks the server to e-mail a link to continue this draft to the address typed into it. */
export function emailResumeLink(code: string): Promise<{ to: string }> {
  return request<{ to: string }>('POST', `${draftPath(code)}/email-link`, { body: {} });
}

export function submitDraft(code: string, timeZone: string, policySha256?: string): Promise<SubmitResult> {
  return request<SubmitResult>('POST', `${draftPath(code)}/submit`, { body: { timeZone, policySha256 } });
}

export function lookupVin(vin: string, signal?: AbortSignal): Promise<VinLookup> {
  return request<VinLookup>('GET', `/api/vin/${encodeURIComponent(vin)}`, { signal });
}

export function getPolicy(state: string, language: string, signal?: AbortSignal): Promise<Policy> {
  const query = new URLSearchParams({ state, language });
  return request<Policy>('GET', `/api/policy?${query}`, { signal });
}

export interface UploadHandle {
  promise: Promise<DraftFile>;
  abort(): void;
}

/**
 * Uploads one file to a draft slot. XMLHttpRequest rather than fetch because only XHR reports
 * upload progress; `onProgress` receives a fraction between 0 and 1.
 */
export function uploadDraftFile(
  code: string,
  field: UploadField,
  file: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<DraftFile>((resolve, reject) => {
    xhr.open('POST', `${draftPath(code)}/files/${encodeURIComponent(field)}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as DraftFile);
      else reject(errorFromBody(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled.'));
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
