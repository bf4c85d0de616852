import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestApp } from '../support/app-harness.js';
import type { SubmissionFiles } from '../support/fixtures.js';

const execFileAsync = promisify(execFile);

export interface DraftBody {
  resumeCode: string;
  step: number;
  data: Record<string, unknown>;
  files: { id: string; field: string; position: number; contentType: string; sizeBytes: number; url: string }[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advanceDays: (days: number) => {
      now += days * 24 * 60 * 60 * 1000;
    },
  };
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

/** The text of a PDF as poppler's pdftotext extracts it (CI installs poppler-utils). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const child = execFileAsync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin?.end(bytes);
  return (await child).stdout;
}

export function expectError(response: { statusCode: number; json(): unknown }): {
  status: number;
  code: string;
  field: string | undefined;
  message: string;
} {
  const body = response.json() as { error: { code: string; field?: string; message: string } };
  return { status: response.statusCode, code: body.error.code, field: body.error.field, message: body.error.message };
}
