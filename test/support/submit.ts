/**
 * The one way tests submit an enrollment through the public API, in-process (`TestApp`, via
 * Fastify's inject) or to a running server (its base URL, via fetch).
 */
import { expect } from 'vitest';
import type { TestApp } from './app-harness.js';
import { buildSubmissionForm, type SubmissionFiles, validEnrollmentData } from './fixtures.js';

export interface PostEnrollmentOptions {
  /** Extra parts after the files: an unexpected field, a hand-made blob. */
  extra?: [string, Blob, string][];
  /** The browser's IANA zone, sent as the wizard sends it. */
  timeZone?: string;
  headers?: Record<string, string>;
}

/** POST /api/enrollments with `data` (an object, or a raw string) and `files`: the raw answer. */
export function postEnrollment(
  t: TestApp,
  data: unknown,
  files: Partial<SubmissionFiles>,
  options: PostEnrollmentOptions = {},
) {
  const form = buildSubmissionForm(data, files, options.extra);
  if (options.timeZone !== undefined) form.append('timeZone', options.timeZone);
  return t.app.inject({
    method: 'POST',
    url: '/api/enrollments',
    payload: form,
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

export interface Submitted {
  id: string;
  reference: string;
  receiptToken?: string;
  policyPdfUrl?: string;
}

/** Submits valid data with `overrides` and expects it accepted (201). */
export async function submit(
  target: TestApp | string,
  files: SubmissionFiles,
  overrides: Record<string, unknown> = {},
): Promise<Submitted> {
  const data = validEnrollmentData(overrides);
  if (typeof target === 'string') {
    const response = await fetch(`${target}/api/enrollments`, {
      method: 'POST',
      body: buildSubmissionForm(data, files),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as Submitted;
  }
  const response = await postEnrollment(target, data, files);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Submitted;
}
