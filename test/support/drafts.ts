/** Drafts through the public API: create, upload into, save and submit. */
import type { TestApp } from './app-harness.js';
import type { SubmissionFiles } from './fixtures.js';

export interface DraftBody {
  resumeCode: string;
  step: number;
  data: Record<string, unknown>;
  files: { id: string; field: string; position: number; contentType: string; sizeBytes: number; url: string }[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export async function createDraft(t: TestApp, body?: unknown): Promise<DraftBody> {
  const response = await t.app.inject({ method: 'POST', url: '/api/drafts', ...(body ? { payload: body } : {}) });
  if (response.statusCode !== 201) throw new Error(`create draft: ${response.statusCode} ${response.body}`);
  return response.json();
}

export function uploadToDraft(t: TestApp, code: string, field: string, bytes: Buffer, name = `${field}.bin`) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return t.app.inject({ method: 'POST', url: `/api/drafts/${code}/files/${field}`, payload: form });
}

/** Uploads every file of a complete submission into a draft. */
export async function uploadAll(t: TestApp, code: string, files: SubmissionFiles): Promise<void> {
  for (const [field, value] of Object.entries(files)) {
    if (value === undefined) continue;
    for (const buffer of Array.isArray(value) ? value : [value]) {
      const response = await uploadToDraft(t, code, field, buffer);
      if (response.statusCode !== 201) throw new Error(`upload ${field}: ${response.statusCode} ${response.body}`);
    }
  }
}

export function saveDraft(t: TestApp, code: string, body: unknown) {
  return t.app.inject({ method: 'PUT', url: `/api/drafts/${code}`, payload: body as object });
}

export function submitDraft(t: TestApp, code: string, body: unknown = { timeZone: 'America/Chicago' }) {
  return t.app.inject({ method: 'POST', url: `/api/drafts/${code}/submit`, payload: body as object });
}
