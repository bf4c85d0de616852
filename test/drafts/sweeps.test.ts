import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepExpiredDrafts } from '../../src/jobs/sweep-expired-drafts.js';
import { sweepOrphanFiles } from '../../src/jobs/sweep-orphan-files.js';
import {
  listAllReferencedStorageKeys,
  listDraftReferencedFiles,
  listDraftStorageKeys,
} from '../../src/storage/repositories/draft.repository.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { createDraft, saveDraft, submitDraft, uploadAll, uploadToDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import { makeJpeg, makeSubmissionFiles, validEnrollmentData } from '../support/fixtures.js';

describeEachEngine('expired drafts and their files', (engine) => {
  const clock = manualClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { DRAFT_TTL_DAYS: '14', RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: '10000' }, clock.now);
  });
  afterAll(() => t.close());

  it('sweeps expired drafts; the orphan sweep keeps files of live drafts and enrollments and removes the rest', async () => {
    const deps = { db: t.runtime.db, files: t.runtime.files, now: clock.now };
    const [oldPhoto, livePhoto] = [await makeJpeg(4_000, 71), await makeJpeg(4_000, 72)];
    const old = await createDraft(t);
    const oldFile = (await uploadToDraft(t, old.resumeCode, 'vehicle_front', oldPhoto)).json();
    clock.advanceDays(10);
    const live = await createDraft(t);
    const liveFile = (await uploadToDraft(t, live.resumeCode, 'vehicle_front', livePhoto)).json();

    // A draft submitted long ago: its files now belong to the enrollment.
    const submitted = await createDraft(t);
    const files = await makeSubmissionFiles(3_000, 9);
    await uploadAll(t, submitted.resumeCode, files);
    await saveDraft(t, submitted.resumeCode, { data: validEnrollmentData({ techId: 'sweep-1' }) });
    expect((await submitDraft(t, submitted.resumeCode)).statusCode).toBe(201);

    clock.advanceDays(5); // the first draft is now 15 days old: expired
    const draftKeys = await listDraftStorageKeys(t.runtime.db.kysely);
    const referenced = await listDraftReferencedFiles(t.runtime.db.kysely);
    expect(referenced.map((r) => r.key).sort()).toEqual([...draftKeys].sort());
    expect(referenced.find((r) => r.key === sha(livePhoto))).toMatchObject({ draftFileId: liveFile.id });
    expect(draftKeys.has(sha(oldPhoto))).toBe(true);

    expect(await sweepExpiredDrafts(deps)).toBe(1);
    expect(await sweepExpiredDrafts(deps)).toBe(0);
    expect((await t.app.inject({ url: `/api/drafts/${old.resumeCode}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: oldFile.url })).statusCode).toBe(404);
    const remaining = await listDraftStorageKeys(t.runtime.db.kysely);
    expect(remaining.has(sha(oldPhoto))).toBe(false);
    expect(remaining.has(sha(livePhoto))).toBe(true);

    // Every stored file is now older than the grace period.
    const removed = await sweepOrphanFiles(deps);
    expect(removed.blobs).toBe(1);
    expect(await t.runtime.files.has(sha(oldPhoto))).toBe(false);
    expect(await t.runtime.files.has(sha(livePhoto))).toBe(true);
    for (const key of await listAllReferencedStorageKeys(t.runtime.db.kysely)) {
      expect(await t.runtime.files.has(key)).toBe(true);
    }
    const preview = await t.app.inject({ url: liveFile.url });
    expect(preview.rawPayload.equals(livePhoto)).toBe(true);
  });
});

function sha(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}
