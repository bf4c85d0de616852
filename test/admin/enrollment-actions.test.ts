import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredDeletions } from '../../src/domain/admin/enrollments/purge-expired-deletions.js';
import type { VinDecoder } from '../../src/domain/vin/decode-vin.js';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { listFilesRecursively, startTestApp, type TestApp } from '../support/app-harness.js';
import { DAY, MINUTE, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { submit } from '../support/submit.js';

/** Decodes every VIN as a 2003 Toyota Accord, so a Honda entry disagrees on the make only. */
const fakeDecoder: VinDecoder = {
  decode: async () => ({
    decoded: { make: 'TOYOTA', model: 'Accord', modelYear: 2003, bodyStyle: 'Sedan', fuelType: 'Gasoline' },
    source: 'offline',
  }),
  close: async () => {},
};

describeEachEngine('enrollment review actions', (engine) => {
  let t: TestApp;
  let admin: Session;
  let reviewer: Session;
  let files: SubmissionFiles;
  const clock = manualClock();

  beforeAll(async () => {
    t = await startTestApp(engine, {}, clock.now, { vinDecoder: fakeDecoder });
    admin = await createAccount(t, 'ada@example.com', 'admin');
    reviewer = await createAccount(t, 'rex@example.com', 'reviewer');
    files = await makeSubmissionFiles(4_000, 1);
  });
  afterAll(() => t.close());

  const act = (session: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    as(t.app, session, { method, url: `/api/admin/enrollments/${url}`, ...(payload ? { payload } : {}) });
  const detail = async (id: string) => (await as(t.app, admin, { url: `/api/admin/enrollments/${id}` })).json();

  describe('decisions', () => {
    it('approves, recording the real admin, address and browser in the same history', async () => {
      const { id } = await submit(t, files, { techId: 'ACT-1' });
      const response = await act(reviewer, 'POST', `${id}/approve`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.enrollment).toMatchObject({ status: 'approved', reviewedBy: 'rex@example.com' });
      expect(body.history.at(-1)).toMatchObject({
        action: 'enrollment.approved',
        actor: 'rex@example.com',
        actorId: reviewer.user.id,
        ip: '127.0.0.1',
        userAgent: 'admin-api-test/1.0',
        details: { from: 'pending' },
      });
      // Approval is recorded on its own; every checklist tick stays a person's.
      expect(body.checklistProgress).toEqual({ done: 0, total: 6 });

      const again = await act(reviewer, 'POST', `${id}/approve`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_TRANSITION');
    });

    it('rejects with a reason and requests changes with a link to a pre-filled draft', async () => {
      const { id } = await submit(t, files, { techId: 'ACT-2' });
      const noReason = await act(reviewer, 'POST', `${id}/reject`, {});
      expect(noReason.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
      const rejected = await act(reviewer, 'POST', `${id}/reject`, { reason: 'Plate unreadable' });
      expect(rejected.json().enrollment).toMatchObject({ status: 'rejected', reviewNote: 'Plate unreadable' });
      expect(rejected.json().compliance).toBe('red');

      const badField = await act(reviewer, 'POST', `${id}/request-changes`, { fields: ['password'], message: 'x' });
      expect(badField.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'fields' });
      const asked = await act(reviewer, 'POST', `${id}/request-changes`, {
        fields: ['insurance', 'insuranceExpiration'],
        message: 'Please upload the current insurance card.',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      const requested = asked.json().requestedChanges;
      expect(asked.json().enrollment.status).toBe('changes_requested');
      expect(requested).toMatchObject({
        fields: ['insurance', 'insuranceExpiration'],
        message: 'Please upload the current insurance card.',
      });
      expect(requested.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/\?resume=[0-9A-Z]{5}-[0-9A-Z]{5}$/);

      const code = new URL(requested.link).searchParams.get('resume');
      const draft = (await t.app.inject({ url: `/api/drafts/${code}` })).json();
      expect(draft.data).toMatchObject({ techId: 'ACT-2', make: 'Honda', state: 'IL' });
      expect(draft.data.policyAcknowledged).toBeUndefined();
      const fields = draft.files.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['vehicle_front', 'registration']));
      expect(fields).not.toContain('insurance');
      expect(fields).not.toContain('signature');
      expect((await detail(id)).requestedChanges.link).toBeNull();

      // Deciding again closes the request: its draft and link go.
      expect((await act(reviewer, 'POST', `${id}/approve`)).statusCode).toBe(200);
      expect((await t.app.inject({ url: `/api/drafts/${code}` })).statusCode).toBe(404);
    });

    it('refuses decisions on a revision a newer one replaced', async () => {
      const first = await submit(t, files, { techId: 'ACT-3' });
      const second = await submit(t, files, { techId: 'ACT-3', make: 'Acura' });
      const stale = await act(reviewer, 'POST', `${first.id}/approve`);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.message).toContain('revision 2');
      const body = (await act(reviewer, 'POST', `${second.id}/approve`)).json();
      expect(body.changes).toEqual([{ revision: 2, fields: [{ field: 'make', from: 'Honda', to: 'Acura' }] }]);

      const third = await submit(t, files, { techId: 'ACT-3', color: 'Blue' });
      await act(reviewer, 'POST', `${third.id}/approve`);
      expect((await detail(second.id)).enrollment.status).toBe('superseded');
    });

    it('shows the VIN decode beside what was entered, naming each disagreement', async () => {
      const { id } = await submit(t, files, { techId: 'ACT-4' });
      const body = await detail(id);
      expect(body.vinDecode).toMatchObject({ make: 'TOYOTA', model: 'Accord', modelYear: 2003, source: 'offline' });
      expect(body.vinMismatch).toEqual(['make']);
    });
  });

  describe('checklist', () => {
    it('records who ticked a task and when, and counts progress in detail and list', async () => {
      const { id } = await submit(t, files, { techId: 'ACT-5' });
      const ticked = await act(reviewer, 'PUT', `${id}/checklist/mileage_form`, { done: true });
      expect(ticked.statusCode, ticked.body).toBe(200);
      const task = ticked.json().checklist.find((c: { key: string }) => c.key === 'mileage_form');
      expect(task).toMatchObject({ completedBy: 'rex@example.com', completedAt: clock.now().toISOString() });
      expect(ticked.json().checklistProgress).toEqual({ done: 1, total: 6 });
      const list = (await as(t.app, admin, { url: '/api/admin/enrollments?search=ACT-5' })).json();
      expect(list.items[0].checklist).toEqual({ done: 1, total: 6 });

      const unticked = await act(reviewer, 'PUT', `${id}/checklist/mileage_form`, { done: false });
      expect(unticked.json().checklistProgress.done).toBe(0);
      expect((await act(reviewer, 'PUT', `${id}/checklist/no_such_task`, { done: true })).statusCode).toBe(404);
      expect((await detail(id)).history.map((e: { action: string }) => e.action)).toEqual([
        'enrollment.submitted',
        'checklist.ticked',
        'checklist.unticked',
      ]);
    });
  });

  describe('deleting', () => {
    it('soft-deletes every revision, hides it from the list, and restores it', async () => {
      const first = await submit(t, files, { techId: 'DEL-1' });
      const second = await submit(t, files, { techId: 'DEL-1', color: 'Red' });
      const deleted = await act(admin, 'DELETE', second.id);
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json().enrollment.deletedAt).toBe(clock.now().toISOString());
      expect((await detail(first.id)).enrollment.deletedBy).toBe('ada@example.com');

      const list = (query: string) => as(t.app, admin, { url: `/api/admin/enrollments?search=DEL-1&${query}` });
      expect((await list('status=all')).json().total).toBe(0);
      expect((await list('status=deleted')).json().items.map((e: { id: string }) => e.id)).toEqual([second.id]);
      expect((await act(reviewer, 'POST', `${second.id}/approve`)).statusCode).toBe(409);

      const restored = await act(admin, 'POST', `${second.id}/restore`);
      expect(restored.json().enrollment.deletedAt).toBeNull();
      expect((await list('status=all')).json().total).toBe(2);
      expect(
        restored
          .json()
          .history.map((e: { action: string }) => e.action)
          .slice(-2),
      ).toEqual(['enrollment.deleted', 'enrollment.restored']);
    });

    it('purges soft-deleted enrollments 30 days on, not before', async () => {
      const { id } = await submit(t, await makeSubmissionFiles(4_000, 7), { techId: 'DEL-2' });
      await act(admin, 'DELETE', id);
      const job = { db: t.runtime.db, files: t.runtime.files, now: () => new Date(clock.now().getTime() + 29 * DAY) };
      expect((await purgeExpiredDeletions(job)).enrollments).toBe(0);
      job.now = () => new Date(clock.now().getTime() + 31 * DAY);
      expect(await purgeExpiredDeletions(job)).toMatchObject({ enrollments: 1 });
      expect((await as(t.app, admin, { url: `/api/admin/enrollments/${id}` })).statusCode).toBe(404);
    });
  });

  describe('purging', () => {
    it('needs the typed reference, then removes the rows and only the files no other row names', async () => {
      const shared = await submit(t, files, { techId: 'PURGE-KEEP' });
      const unique = await makeSubmissionFiles(4_000, 9);
      const target = await submit(t, unique, { techId: 'PURGE-1' });
      await submit(t, unique, { techId: 'PURGE-1', comment: 'second revision, same files' });
      const mine = (await detail(target.id)).documents.map((d: { sha256: string }) => d.sha256) as string[];
      const theirs = new Set((await detail(shared.id)).documents.map((d: { sha256: string }) => d.sha256));

      const unconfirmed = await act(admin, 'POST', `${target.id}/purge`, { confirm: 'BYOV-WRONG' });
      expect(unconfirmed.statusCode).toBe(400);
      expect(unconfirmed.json().error).toMatchObject({ code: 'NOT_CONFIRMED', field: 'confirm' });
      expect((await detail(target.id)).enrollment.id).toBe(target.id);

      // Files written in the last minutes may belong to a submission in flight; move past that.
      clock.advance(10 * MINUTE);
      const purged = await act(admin, 'POST', `${target.id}/purge`, { confirm: target.reference.toLowerCase() });
      expect(purged.statusCode, purged.body).toBe(204);
      expect((await as(t.app, admin, { url: `/api/admin/enrollments/${target.id}` })).statusCode).toBe(404);
      const rows = await t.runtime.db.kysely
        .selectFrom('enrollments')
        .select('id')
        .where('tech_id', '=', 'PURGE-1')
        .execute();
      expect(rows).toEqual([]);

      const stored = new Set((await listFilesRecursively(`${t.dataDir}/files`)).map((f) => f.split('/').pop()));
      for (const sha of theirs) expect(stored.has(sha as string), 'a file another enrollment names').toBe(true);
      const orphaned = mine.filter((s) => !theirs.has(s));
      expect(orphaned.length).toBeGreaterThanOrEqual(7);
      for (const sha of orphaned) expect(stored.has(sha), 'an orphaned file').toBe(false);

      const events = await t.runtime.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'enrollment.purged')
        .where('actor_id', '=', admin.user.id)
        .execute();
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ reference: target.reference, revisions: 2 });
    });

    it('removes the draft opened for requested changes, but keeps files another draft names', async () => {
      const own = await makeSubmissionFiles(4_000, 11);
      const { id, reference } = await submit(t, own, { techId: 'PURGE-2' });
      const asked = await act(reviewer, 'POST', `${id}/request-changes`, {
        fields: ['plate'],
        message: 'Add the plate.',
      });
      const changeDraft = `/api/drafts/${new URL(asked.json().requestedChanges.link).searchParams.get('resume')}`;
      // The same photo, uploaded into somebody's own draft: one stored file, named twice.
      const other = (await t.app.inject({ method: 'POST', url: '/api/drafts' })).json().resumeCode;
      const form = new FormData();
      form.append('file', new Blob([own.vehicle_front]), 'front.jpg');
      const upload = await t.app.inject({
        method: 'POST',
        url: `/api/drafts/${other}/files/vehicle_front`,
        payload: form,
      });
      expect(upload.statusCode, upload.body).toBe(201);

      clock.advance(10 * MINUTE);
      expect((await act(admin, 'POST', `${id}/purge`, { confirm: reference })).statusCode).toBe(204);
      expect((await t.app.inject({ url: changeDraft })).statusCode).toBe(404);
      const kept = await t.app.inject({ url: upload.json().url });
      expect(kept.statusCode).toBe(200);
      expect(kept.rawPayload.equals(own.vehicle_front)).toBe(true);
    });
  });
});
