import { Webhook } from 'standardwebhooks';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { HttpReceiver } from '../support/http-receiver.js';
import { submit } from '../support/submit.js';
import { admin, auditActions, deliverNow, hostsResolver, outboxOf } from './support.js';

const EVENTS = ['enrollment.submitted', 'enrollment.approved'];

describeEachEngine('webhooks', (engine) => {
  let t: TestApp | undefined;
  let receiver: HttpReceiver;
  let files: SubmissionFiles;
  let base: string;
  // Signatures carry real seconds and the verifier allows five minutes: the clock starts now
  // and retries are one second apart.
  const clock = manualClock(new Date());
  const hosts = hostsResolver();

  beforeAll(async () => {
    files = await makeSubmissionFiles(4_000);
  });
  afterEach(async () => {
    await t?.close();
    await receiver.close();
  });

  async function start(allowed?: string) {
    receiver = new HttpReceiver();
    base = await receiver.listen();
    const env: Record<string, string> = { INTEGRATION_RETRY_BASE_SECONDS: '1', INTEGRATION_TIMEOUT_SECONDS: '2' };
    if (allowed) env.WEBHOOK_ALLOWED_HOSTS = allowed;
    t = await startTestApp(engine, env, clock.now, { resolveHost: hosts.resolve });
    return t;
  }

  const deliver = (app: TestApp) => deliverNow(app, clock.now, hosts.resolve);

  it('refuses private, loopback and link-local endpoints at registration, and bad input, changing nothing', async () => {
    const app = await start();
    hosts.set('inside.example.com', ['10.0.0.5']);
    hosts.set('public.example.com', ['93.184.216.34']);
    const port = new URL(base).port;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      `http://[::1]:${port}/hook`,
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00::1]/hook',
      'http://0.0.0.0/hook',
      'https://inside.example.com/hook',
      'https://nowhere.example.com/hook',
    ]) {
      const response = await admin(app, 'POST', '/api/admin/webhooks', { url, events: EVENTS });
      expect(response.statusCode, url).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', field: 'url' });
    }
    for (const [body, field] of [
      [{ url: 'ftp://public.example.com/x', events: EVENTS }, 'url'],
      [{ url: 'https://public.example.com/x', events: [] }, 'events'],
      [{ url: 'https://public.example.com/x', events: ['enrollment.exploded'] }, 'events'],
      [{ url: 'https://user:pw@public.example.com/x', events: EVENTS }, 'url'],
    ] as const) {
      const response = await admin(app, 'POST', '/api/admin/webhooks', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect((await admin(app, 'GET', '/api/admin/webhooks')).json().endpoints).toEqual([]);

    const created = await admin(app, 'POST', '/api/admin/webhooks', {
      url: 'https://public.example.com/hook',
      events: EVENTS,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = (await admin(app, 'GET', '/api/admin/webhooks')).json();
    expect(listed.events).toEqual([
      'enrollment.submitted',
      'enrollment.approved',
      'enrollment.rejected',
      'enrollment.changes_requested',
      'enrollment.deleted',
      'document.expiring',
      'backup.failed',
    ]);
    expect(listed.endpoints).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    // Changing the URL to a private one is refused like creating it.
    const id = created.json().endpoint.id;
    const moved = await admin(app, 'PUT', `/api/admin/webhooks/${id}`, { url: 'http://10.9.8.7/' });
    expect(moved.json().error.code).toBe('WEBHOOK_URL_REFUSED');
    expect((await admin(app, 'GET', '/api/admin/webhooks')).json().endpoints[0].url).toBe(
      'https://public.example.com/hook',
    );
  });

  it('delivers signed events and follows 201, 207, 500, a time-out and 400 to an allowed receiver', async () => {
    const app = await start('127.0.0.1');
    hosts.set('hooks.test', ['127.0.0.1']);
    const port = new URL(base).port;
    const created = await admin(app, 'POST', '/api/admin/webhooks', {
      url: `http://hooks.test:${port}/byov`,
      description: 'Fleet system',
      events: EVENTS,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint, secret } = created.json();
    const verifier = new Webhook(secret);

    const { id } = await submit(app, files, { techId: 'hook-1' });
    receiver.answer({ status: 201 });
    expect(await deliver(app)).toMatchObject({ sent: 1 });
    const [submitted] = receiver.received;
    expect(submitted?.url).toBe('/byov');
    const verified = verifier.verify(submitted?.body ?? '', submitted?.headers as Record<string, string>);
    expect(verified).toMatchObject({
      type: 'enrollment.submitted',
      data: { enrollmentId: id, techId: 'HOOK-1', revision: 1, status: 'pending' },
    });
    expect(submitted?.body).not.toContain('Nuñez');
    // A forged body does not verify.
    expect(() => verifier.verify(`${submitted?.body} `, submitted?.headers as Record<string, string>)).toThrow();

    clock.advance(1_000);
    expect((await admin(app, 'POST', `/api/admin/enrollments/${id}/approve`)).statusCode).toBe(200);
    receiver.answer({ status: 207 });
    expect(await deliver(app)).toMatchObject({ sent: 1 });
    const approved = receiver.received[1];
    expect(verifier.verify(approved?.body ?? '', approved?.headers as Record<string, string>)).toMatchObject({
      type: 'enrollment.approved',
      data: { status: 'approved' },
    });

    // The test event: 500 and a time-out are retried (same webhook-id), then 400 fails it.
    clock.advance(1_000);
    const test = await admin(app, 'POST', `/api/admin/webhooks/${endpoint.id}/test`);
    expect(test.statusCode).toBe(202);
    receiver.answer({ status: 500, body: 'busy' }, 'hang', { status: 400, body: { error: 'unknown event type' } });
    expect(await deliver(app)).toMatchObject({ retrying: 1 });
    clock.advance(1_000);
    expect(await deliver(app)).toMatchObject({ retrying: 1 });
    clock.advance(2_000);
    expect(await deliver(app)).toMatchObject({ failed: 1 });
    const tries = receiver.received.slice(2);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const request of tries) {
      expect(verifier.verify(request.body, request.headers as Record<string, string>)).toMatchObject({
        type: 'webhook.test',
      });
    }

    const listed = (await admin(app, 'GET', '/api/admin/webhooks')).json();
    const deliveries = listed.endpoints[0].deliveries;
    expect(deliveries.map((d: { event: string; state: string }) => [d.event, d.state])).toEqual([
      ['test', 'failed'],
      ['enrollment.approved', 'sent'],
      ['enrollment.submitted', 'sent'],
    ]);
    expect(deliveries[0].lastError).toMatch(/400.*unknown event type/);
    expect(deliveries[0].history.map((h: { status: number | null }) => h.status)).toEqual([500, null, 400]);
    expect(deliveries[0].history[1].error).toMatch(/timed out/);
    expect(deliveries[0].history[2].body).toBe('{"error":"unknown event type"}');
    expect((await auditActions(app, null)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.endpoint_created', 'webhook.test_queued']),
    );
  });

  it('checks the address again at delivery: a name now pointing inside is refused, not reached', async () => {
    const app = await start();
    hosts.set('rebind.example.com', ['93.184.216.34']);
    const port = new URL(base).port;
    const created = await admin(app, 'POST', '/api/admin/webhooks', {
      url: `http://rebind.example.com:${port}/byov`,
      events: EVENTS,
    });
    expect(created.statusCode, created.body).toBe(201);
    const endpointId = created.json().endpoint.id;
    for (const inside of [
      ['127.0.0.1'],
      ['::1'],
      ['::ffff:127.0.0.1'],
      ['169.254.169.254'],
      ['93.184.216.34', '10.0.0.1'],
    ]) {
      hosts.set('rebind.example.com', inside);
      expect((await admin(app, 'POST', `/api/admin/webhooks/${endpointId}/test`)).statusCode).toBe(202);
      expect(await deliver(app), inside.join()).toMatchObject({ failed: 1, sent: 0 });
    }
    expect(receiver.received).toEqual([]);
    const failures = (await outboxOf(app, 'webhook.')).map((m) => m.last_error);
    expect(failures).toHaveLength(5);
    for (const failure of failures) expect(failure).toMatch(/private, loopback or link-local/);

    // Disabled endpoints get nothing; removed ones disappear from the list.
    await admin(app, 'PUT', `/api/admin/webhooks/${endpointId}`, { enabled: false });
    await submit(app, files, { techId: 'hook-2' });
    expect((await outboxOf(app, 'webhook.enrollment')).length).toBe(0);
    expect((await admin(app, 'DELETE', `/api/admin/webhooks/${endpointId}`)).statusCode).toBe(204);
    expect((await admin(app, 'GET', '/api/admin/webhooks')).json().endpoints).toEqual([]);
    expect((await admin(app, 'DELETE', `/api/admin/webhooks/${endpointId}`)).statusCode).toBe(404);
  });
});
