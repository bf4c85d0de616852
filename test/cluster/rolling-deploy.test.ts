import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { HOUR, manualClock } from '../support/clock.js';
import { createDraft, saveDraft, submitDraft, uploadAll } from '../support/drafts.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { expectError } from '../support/responses.js';

const SHIPPED_POLICIES = path.resolve(import.meta.dirname, '../../policies');

/**
 * A rolling deploy: instance A still serves the old policy files, instance B the new ones, on
 * one database. A technician reads the policy on A and submits on B.
 */
describeEachEngine('policy versions across instances (rolling deploy)', (engine) => {
  let folders: { dir: string; remove(): Promise<void> };
  let oldInstance: TestApp;
  let newRuntime: Runtime;
  let newInstance: FastifyInstance;
  let files: SubmissionFiles;
  const clock = manualClock();

  beforeEach(async () => {
    clock.set(new Date());
    folders = await makeTempDir('byov-policies-');
    const oldDir = path.join(folders.dir, 'old');
    const newDir = path.join(folders.dir, 'new');
    await cp(SHIPPED_POLICIES, oldDir, { recursive: true });
    await cp(SHIPPED_POLICIES, newDir, { recursive: true });
    const template = path.join(newDir, 'irs-rate.md');
    const text = await readFile(template, 'utf8');
    await writeFile(
      template,
      `${text.replace('version: 2025-08-01', 'version: 2026-06-01')}\n## 99. Added in the new release\n\nA new rule.\n`,
    );
    oldInstance = await startTestApp(engine, { POLICY_DIR: oldDir }, clock.now);
    newRuntime = await openRuntime({ ...oldInstance.config, policyDir: newDir }, { migrate: false });
    newInstance = await buildApp({ ...newRuntime, now: clock.now });
    files = await makeSubmissionFiles();
  });
  afterEach(async () => {
    await newInstance.close();
    await newRuntime.close();
    await oldInstance.close();
    await folders.remove();
  });

  const onNew = () => ({ app: newInstance }) as TestApp;

  async function draftReadOn(instance: TestApp, techId: string) {
    const draft = await createDraft(instance);
    await uploadAll(instance, draft.resumeCode, files);
    expect(
      (await saveDraft(instance, draft.resumeCode, { step: 3, data: validEnrollmentData({ techId }) })).statusCode,
    ).toBe(200);
    const shown = (await instance.app.inject({ url: '/api/policy?state=IL' })).json();
    return { code: draft.resumeCode, shown };
  }

  it('signs on the new instance the version the old one showed, and the new version too', async () => {
    const { code, shown } = await draftReadOn(oldInstance, 'rolling-1');
    expect(shown.version).toBe('2025-08-01');
    const current = (await newInstance.inject({ url: '/api/policy?state=IL' })).json();
    expect(current.version).toBe('2026-06-01');
    expect(current.sha256).not.toBe(shown.sha256);

    const submitted = await submitDraft(onNew(), code, { timeZone: 'UTC', policySha256: shown.sha256 });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const row = await newRuntime.db.kysely
      .selectFrom('enrollments')
      .select(['policy_version', 'policy_sha256', 'policy_template_id'])
      .where('id', '=', submitted.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ policy_version: '2025-08-01', policy_sha256: shown.sha256, policy_template_id: 'irs-rate' });

    // Read on the new instance, submitted on the old one: the new version is signed there too.
    const second = await draftReadOn(onNew(), 'rolling-2');
    const back = await submitDraft(oldInstance, second.code, { timeZone: 'UTC', policySha256: second.shown.sha256 });
    expect(back.statusCode, back.body).toBe(201);
  });

  it('refuses a version no instance has served within the grace period, and one for another state', async () => {
    const { code, shown } = await draftReadOn(oldInstance, 'rolling-3');
    // The old instance is gone and nothing renews its version: after the grace period it lapses.
    clock.advance(2 * HOUR);
    const late = expectError(await submitDraft(onNew(), code, { timeZone: 'UTC', policySha256: shown.sha256 }));
    expect(late).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'policy' });

    // A version of another state's template is not accepted for Illinois.
    const texas = (await oldInstance.app.inject({ url: '/api/policy?state=TX' })).json();
    clock.set(new Date());
    const other = await draftReadOn(oldInstance, 'rolling-4');
    const wrong = expectError(await submitDraft(onNew(), other.code, { timeZone: 'UTC', policySha256: texas.sha256 }));
    expect(wrong).toMatchObject({ status: 400, field: 'policy' });
  });
});
