import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { adminApi, sendNow } from './support.js';

describeEachEngine('notifications in the admin API', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-04-01T09:00:00.000Z'));
  const api = adminApi(() => t);

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen(), MAIL_GIVE_UP_HOURS: '1' }, clock.now);
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('saves the inbox and reminder days (audited), refusing bad addresses and changing nothing', async () => {
    const bad = await api('PUT', '/api/admin/settings/notifications', { inbox: ['not an address'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'inbox' });
    expect((await api('GET', '/api/admin/settings/notifications')).json()).toEqual({
      inbox: [],
      reminderOffsets: [30, 7, 0],
    });
    const saved = await api('PUT', '/api/admin/settings/notifications', {
      inbox: ['fleet@example.com', 'hr@example.com'],
      reminderOffsets: [7, 45],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ inbox: ['fleet@example.com', 'hr@example.com'], reminderOffsets: [45, 7] });
    const audit = await t.runtime.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'settings.notifications_updated')
      .execute();
    expect(audit).toHaveLength(1);

    // The next submission notifies the saved inbox.
    await submit(t, files, { techId: 'NOTE-1' });
    await sendNow(t, clock.now);
    expect(sink.to('fleet@example.com')).toHaveLength(1);
    expect(sink.to('hr@example.com')).toHaveLength(1);
  });

  it('lists messages with their attempts and errors, and resends a failed one (audited)', async () => {
    sink.mode = 'refuse';
    const { id } = await submit(t, files, { techId: 'NOTE-2' });
    for (let i = 0; i < 12; i++) {
      await sendNow(t, clock.now);
      clock.advance(10 * 60_000);
    }
    const failed = await api('GET', '/api/admin/notifications?state=failed');
    expect(failed.statusCode).toBe(200);
    const [message] = failed.json().messages;
    expect(message).toMatchObject({ kind: 'email.confirmation', state: 'failed', enrollmentId: id });
    expect(message.history.length).toBe(message.attempts);
    expect(message.lastError).toContain('Relaying denied');
    expect(failed.json().status).toMatchObject({
      failed: 1,
      warning: '1 message could not be delivered (see Notifications)',
    });

    sink.mode = 'accept';
    const resent = await api('POST', `/api/admin/notifications/${message.id}/resend`);
    expect(resent.json()).toEqual({ id: message.id, state: 'waiting' });
    await sendNow(t, clock.now);
    expect(sink.received[0]?.parsed.messageId).toBe(message.messageId);
    const sent = (await api('GET', `/api/admin/notifications?enrollmentId=${id}`)).json().messages[0];
    expect(sent).toMatchObject({ state: 'sent', lastError: null });
    expect((await api('POST', '/api/admin/notifications/nope/resend')).statusCode).toBe(404);
    expect((await api('GET', '/api/admin/notifications?state=lost')).statusCode).toBe(400);
  });

  it('sends a test e-mail from the settings and reports the refusal word for word', async () => {
    const ok = await api('POST', '/api/admin/settings/notifications/test', { to: 'me@example.com' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().serverResponse).toMatch(/^250/);
    sink.mode = 'refuse';
    const refused = await api('POST', '/api/admin/settings/notifications/test', { to: 'me@example.com' });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.message).toContain('554 5.7.1 Relaying denied for this test');
    const bad = await api('POST', '/api/admin/settings/notifications/test', { to: 'me@' });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'to' });
  });
});
