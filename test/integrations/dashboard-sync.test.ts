import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { HOUR, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { HttpReceiver } from '../support/http-receiver.js';
import { submit } from '../support/submit.js';
import { admin, attemptsOf, auditActions, deliverNow, outboxOf } from './support.js';

const TOKEN = 'dashboard-token-0123456789';

async function taskOf(t: TestApp, enrollmentId: string, key = 'approved_synced') {
  return t.runtime.db.kysely
    .selectFrom('checklist_tasks')
    .selectAll()
    .where('enrollment_id', '=', enrollmentId)
    .where('task_key', '=', key)
    .executeTakeFirstOrThrow();
}

async function approve(t: TestApp, id: string) {
  const response = await admin(t, 'POST', `/api/admin/enrollments/${id}/approve`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describeEachEngine('the dashboard sync', (engine) => {
  let t: TestApp;
  let receiver: HttpReceiver;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-04-06T09:00:00.000Z'));

  beforeAll(async () => {
    files = await makeSubmissionFiles(4_000);
  });
  beforeEach(async () => {
    receiver = new HttpReceiver();
    const url = await receiver.listen();
    t = await startTestApp(
      engine,
      {
        DASHBOARD_URL: `${url}/`,
        DASHBOARD_TOKEN: TOKEN,
        INTEGRATION_RETRY_BASE_SECONDS: '30',
        // The receiver's "time-out" never answers; a prompt answer takes milliseconds.
        INTEGRATION_TIMEOUT_SECONDS: '2',
      },
      clock.now,
    );
  });
  afterEach(async () => {
    await t.close();
    await receiver.close();
  });

  it('follows 201, 207, 500, a time-out and 400, then completes on retry and ticks the task', async () => {
    const { id } = await submit(t, files, { techId: 'dash-7' });
    await approve(t, id);
    const [queued] = await outboxOf(t, 'dashboard.');
    expect(queued).toMatchObject({ kind: 'dashboard.sync', state: 'waiting', enrollment_id: id });

    // 201 to the record, 207 to the photos: one photo is missing.
    receiver.answer(
      { status: 201, body: { technician: { id: 'd-42' } } },
      { status: 207, body: { failed: ['insurance-1'] } },
    );
    expect(await deliverNow(t, clock.now)).toMatchObject({ sent: 0, retrying: 1 });
    const [record, firstPhotos] = receiver.received;
    expect(record?.url).toBe('/api/external/technicians');
    expect(record?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(record?.body ?? '{}')).toMatchObject({
      externalId: 'byov-DASH-7',
      techId: 'DASH-7',
      name: 'Łukasz Nuñez',
      enrollmentStatus: 'Enrolled',
      vinNumber: '1HGCM82633A004352',
      vehicleMake: 'Honda',
    });
    expect(firstPhotos?.url).toBe('/api/external/technicians/byov-DASH-7/photos');
    const sentFirst = (JSON.parse(firstPhotos?.body ?? '{}').photos as { name: string; base64: string }[]).map(
      (p) => p.name,
    );
    expect(sentFirst).toEqual(expect.arrayContaining(['vehicle_front-0', 'insurance-1', 'signature-0']));
    expect(JSON.parse(firstPhotos?.body ?? '{}').photos[0].base64).toMatch(/^data:image\/jpeg;base64,/);
    let [sync] = await outboxOf(t, 'dashboard.');
    expect(sync?.state).toBe('waiting');
    expect(JSON.parse(sync?.progress ?? '{}')).toMatchObject({ record: true, dashboardId: 'd-42' });
    expect(JSON.parse(sync?.progress ?? '{}').photos).toHaveLength(sentFirst.length - 1);

    // Not due again before the backoff has passed.
    expect(await deliverNow(t, clock.now)).toMatchObject({ ran: true, sent: 0, retrying: 0 });
    expect(receiver.received).toHaveLength(2);

    // 500: retried; only the missing photo is sent, the record is not sent again.
    receiver.answer({ status: 500, body: 'upstream down' });
    clock.advance(HOUR);
    expect(await deliverNow(t, clock.now)).toMatchObject({ retrying: 1 });
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2]?.url).toMatch(/\/photos$/);
    expect(receiver.bodiesTo('/photos')[1]?.photos).toEqual([expect.objectContaining({ name: 'insurance-1' })]);

    // A time-out: retried.
    receiver.answer('hang');
    clock.advance(HOUR);
    expect(await deliverNow(t, clock.now)).toMatchObject({ retrying: 1 });
    [sync] = await outboxOf(t, 'dashboard.');
    expect(sync?.last_error).toMatch(/timed out/);

    // 400: failed at once, with the dashboard's answer shown.
    receiver.answer({ status: 400, body: { error: 'photo category not accepted' } });
    clock.advance(HOUR);
    expect(await deliverNow(t, clock.now)).toMatchObject({ failed: 1 });
    const failedDetail = (await admin(t, 'GET', `/api/admin/enrollments/${id}`)).json();
    expect(failedDetail.dashboardSync).toMatchObject({
      configured: true,
      sync: {
        state: 'failed',
        attempts: 4,
        externalId: 'byov-DASH-7',
        recordSent: true,
        lastResponse: { status: 400, body: '{"error":"photo category not accepted"}' },
      },
    });
    expect(failedDetail.dashboardSync.sync.lastError).toMatch(/400.*photo category not accepted/);
    expect((await taskOf(t, id)).completed_at).toBeNull();
    const statuses = (await attemptsOf(t, sync?.id ?? '')).map((a) => a.response_status);
    expect(statuses).toEqual([207, 500, null, 400]);
    expect((await auditActions(t, id)).map((a) => a.action)).toContain('dashboard.sync_failed');

    // Retry: back in the queue at once; this time the dashboard takes the last photo.
    const retried = await admin(t, 'POST', `/api/admin/enrollments/${id}/dashboard-sync/retry`);
    expect(retried.statusCode, retried.body).toBe(202);
    expect(retried.json().sync.state).toBe('waiting');
    receiver.answer({ status: 201 });
    expect(await deliverNow(t, clock.now)).toMatchObject({ sent: 1 });
    expect(receiver.bodiesTo('/photos').at(-1)?.photos).toEqual([expect.objectContaining({ name: 'insurance-1' })]);
    expect(receiver.received.filter((r) => r.url === '/api/external/technicians')).toHaveLength(1);

    const task = await taskOf(t, id);
    expect(task.completed_at).toBe(clock.now().toISOString());
    expect(task.completed_by).toBe('system');
    const actions = await auditActions(t, id);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['dashboard.sync_retried', 'dashboard.synced', 'checklist.completed_by_sync']),
    );
    expect(actions.find((a) => a.action === 'dashboard.synced')).toMatchObject({
      actor: 'system',
      details: { externalId: 'byov-DASH-7' },
    });
    const detail = (await admin(t, 'GET', `/api/admin/enrollments/${id}`)).json();
    expect(detail.dashboardSync.sync).toMatchObject({ state: 'sent', syncedAt: clock.now().toISOString() });
  });

  it('re-syncs a re-approved technician under the same external id, replacing a waiting sync', async () => {
    const first = await submit(t, files, { techId: 'dash-8' });
    await approve(t, first.id);
    // The dashboard is down for the first approval's sync.
    receiver.answer({ status: 503 });
    expect(await deliverNow(t, clock.now)).toMatchObject({ retrying: 1 });

    const second = await submit(t, files, { techId: 'dash-8', model: 'Civic' });
    await approve(t, second.id);
    const syncs = await outboxOf(t, 'dashboard.');
    expect(Object.fromEntries(syncs.map((s) => [s.enrollment_id, s.state]))).toEqual({
      [first.id]: 'failed',
      [second.id]: 'waiting',
    });
    expect(syncs.find((s) => s.enrollment_id === first.id)?.last_error).toMatch(/newer approval/);

    clock.advance(HOUR);
    expect(await deliverNow(t, clock.now)).toMatchObject({ sent: 1, retrying: 0 });
    const records = receiver.bodiesTo('/api/external/technicians');
    expect(records.map((r) => [r.externalId, r.vehicleModel])).toEqual([
      ['byov-DASH-8', 'Accord'],
      ['byov-DASH-8', 'Civic'],
    ]);
    expect((await taskOf(t, second.id)).completed_by).toBe('system');
  });

  it('a sync already completed is sent whole again on retry', async () => {
    const { id } = await submit(t, files, { techId: 'dash-9' });
    await approve(t, id);
    expect(await deliverNow(t, clock.now)).toMatchObject({ sent: 1 });
    expect(receiver.received).toHaveLength(2);
    expect((await admin(t, 'POST', `/api/admin/enrollments/${id}/dashboard-sync/retry`)).statusCode).toBe(202);
    expect(await deliverNow(t, clock.now)).toMatchObject({ sent: 1 });
    expect(receiver.received.map((r) => r.url)).toEqual([
      '/api/external/technicians',
      '/api/external/technicians/byov-DASH-9/photos',
      '/api/external/technicians',
      '/api/external/technicians/byov-DASH-9/photos',
    ]);
  });
});

describeEachEngine('without DASHBOARD_URL', (engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(engine);
  });
  afterEach(() => t.close());

  it('queues no sync, leaves the task manual, and refuses a retry with a clear code', async () => {
    const files = await makeSubmissionFiles(4_000);
    const { id } = await submit(t, files, { techId: 'nodash-1' });
    const detail = await approve(t, id);
    expect(detail.dashboardSync).toEqual({ configured: false, sync: null });
    expect(await outboxOf(t, 'dashboard.')).toEqual([]);
    expect((await taskOf(t, id)).completed_at).toBeNull();
    const retry = await admin(t, 'POST', `/api/admin/enrollments/${id}/dashboard-sync/retry`);
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('DASHBOARD_NOT_CONFIGURED');
  });
});
