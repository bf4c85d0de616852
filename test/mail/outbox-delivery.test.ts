import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeMailStatus } from '../../src/mail/mail-status.js';
import { acquireLease } from '../../src/storage/repositories/job-lease.repository.js';
import { requeueMessage } from '../../src/storage/repositories/outbox.repository.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { DAY, HOUR, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { freePort, SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { INBOX, linkIn, outboxRows, sendNow, setInbox, sha256 } from './support.js';

describeEachEngine('the e-mail outbox', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let port: number;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-03-02T10:00:00.000Z'));

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(20_000);
    port = await freePort();
    sink = new SmtpSink();
    t = await startTestApp(
      engine,
      {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        MAIL_FROM: 'BYOV Program <byov@example.com>',
        PROGRAM_NAME: 'Fleet BYOV',
        MAIL_RETRY_BASE_SECONDS: '30',
      },
      clock.now,
    );
    await setInbox(t);
  });
  afterEach(async () => {
    await sink.close().catch(() => undefined);
    await t.close();
  });

  it('keeps messages while SMTP is down and delivers each once when it is back', async () => {
    const { id, reference } = await submit(t, files, { techId: 'MAIL-1' });
    const down = await sendNow(t, clock.now);
    expect(down).toMatchObject({ sent: 0, retrying: 2, failed: 0 });
    const waiting = await outboxRows(t);
    expect(waiting.map((m) => [m.kind, m.state, m.attempts]).sort()).toEqual([
      ['email.confirmation', 'waiting', 1],
      ['email.submission_notice', 'waiting', 1],
    ]);
    expect(waiting[0]?.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Not due again until the backoff has passed.
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 0, retrying: 0 });

    await sink.listen(port);
    clock.advance(31_000);
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 2, retrying: 0 });
    clock.advance(DAY);
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 0 });
    expect(sink.received).toHaveLength(2);

    const rows = await outboxRows(t);
    expect(rows.map((m) => [m.state, m.attempts, m.last_error])).toEqual([
      ['sent', 2, null],
      ['sent', 2, null],
    ]);
    const attempts = await t.runtime.db.kysely.selectFrom('outbox_attempts').selectAll().orderBy('id').execute();
    expect(attempts).toHaveLength(4);
    expect(attempts.filter((a) => a.error === null)).toHaveLength(2);

    const [notice] = sink.to(INBOX);
    expect(notice?.parsed.subject).toBe(`[Fleet BYOV] New enrollment: Łukasz Nuñez (Tech ID MAIL-1), ${reference}`);
    expect(notice?.parsed.messageId).toBe(rows.find((m) => m.kind === 'email.submission_notice')?.message_id);
    const enrollment = await t.runtime.db.kysely
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const pdf = notice?.parsed.attachments.find((a) => a.filename === `${reference}-signed-policy.pdf`);
    expect(pdf && sha256(pdf.content)).toBe(enrollment.signed_pdf_sha256);
    // Photos and documents fit under the default 20 MB, so all of them are attached too.
    expect(notice?.parsed.attachments).toHaveLength(1 + 4 + 2 + 1);
    expect(notice?.parsed.text).toContain('1HGCM82633A004352');
    expect(notice?.parsed.html).toContain('1HGCM82633A004352');
    expect(notice?.parsed.text).toContain(`/admin/enrollments/${id}`);

    const [confirmation] = sink.to('Lukasz.Nunez@example.com');
    expect(confirmation?.parsed.subject).toBe(`[Fleet BYOV] We received your enrollment ${reference}`);
    expect(confirmation?.parsed.from?.text).toContain('byov@example.com');
    const link = new URL(linkIn(confirmation?.parsed.text ?? '', 'policy.pdf'));
    const download = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(download.statusCode).toBe(200);
    expect(sha256(download.rawPayload)).toBe(enrollment.signed_pdf_sha256);
    // The link is stored only as a hash; each attempt (here the failed one too) minted its own.
    const token = link.searchParams.get('token') ?? '';
    const stored = await t.runtime.db.kysely.selectFrom('access_links').selectAll().execute();
    expect(stored.map((l) => l.purpose)).toEqual(['receipt', 'receipt']);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(await outboxRows(t))).not.toContain(token);
  });

  it('sends each message once when two senders share the database, and only the lease holder sends', async () => {
    await sink.listen(port);
    await submit(t, files, { techId: 'MAIL-2' });
    await submit(t, files, { techId: 'MAIL-3' });
    const reports = await Promise.all([sendNow(t, clock.now, 'instance-a'), sendNow(t, clock.now, 'instance-b')]);
    expect(reports.filter((r) => r.ran)).toHaveLength(1);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(4);
    expect(sink.received).toHaveLength(4);
    expect(new Set(sink.received.map((m) => m.parsed.messageId)).size).toBe(4);

    // A holder that died keeps the lease until it expires; then another instance takes over.
    const db = t.runtime.db.kysely;
    await db.deleteFrom('job_leases').execute();
    const at = clock.now().toISOString();
    expect(
      await acquireLease(db, {
        name: 'outbox-sender',
        holder: 'dead',
        now: at,
        expiresAt: new Date(clock.now().getTime() + 90_000).toISOString(),
      }),
    ).toBe(true);
    await submit(t, files, { techId: 'MAIL-4' });
    expect((await sendNow(t, clock.now, 'instance-b')).ran).toBe(false);
    clock.advance(91_000);
    expect(await sendNow(t, clock.now, 'instance-b')).toMatchObject({ ran: true, sent: 2 });
  });

  it('retries a refused message with growing delays, fails it after the give-up time, and resends it with the same Message-ID', async () => {
    await sink.listen(port);
    sink.mode = 'refuse';
    await setInbox(t, []);
    await submit(t, files, { techId: 'MAIL-5' });
    const times: string[] = [];
    for (let i = 0; i < 200; i++) {
      const report = await sendNow(t, clock.now);
      if (report.retrying + report.failed > 0) times.push(clock.now().toISOString());
      if (report.failed > 0) break;
      clock.advance(30 * 60_000);
    }
    const [message] = await outboxRows(t);
    expect(message?.state).toBe('failed');
    expect(message?.last_error).toContain('Relaying denied');
    // 30 s, 1 min, 2 min… up to an hour: far fewer attempts than polls over three days.
    expect(message?.attempts).toBeGreaterThan(5);
    expect(message?.attempts).toBeLessThan(90);
    expect(Date.parse(times.at(-1) ?? '') - Date.parse(message?.created_at ?? '')).toBeGreaterThanOrEqual(71 * HOUR);
    const status = await describeMailStatus(t.runtime.db.kysely, t.config);
    expect(status).toMatchObject({ failed: 1, waiting: 0 });

    sink.mode = 'accept';
    expect(await requeueMessage(t.runtime.db.kysely, message?.id ?? '', clock.now().toISOString())).toBe(true);
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 1 });
    expect(sink.received[0]?.parsed.messageId).toBe(message?.message_id);
  });

  it('says "e-mail is not configured" with the number waiting when SMTP_URL is unset', async () => {
    const unconfigured = await startTestApp(engine, {}, clock.now);
    try {
      await setInbox(unconfigured);
      await submit(unconfigured, files, { techId: 'MAIL-6' });
      expect(await sendNow(unconfigured, clock.now)).toMatchObject({ ran: false, sent: 0 });
      const overview = await unconfigured.app.inject({
        method: 'GET',
        url: '/api/admin/overview',
        headers: adminHeaders(),
      });
      expect(overview.json().mail).toMatchObject({
        configured: false,
        waiting: 2,
        warning: 'e-mail is not configured: 2 messages waiting',
      });
      const rows = await outboxRows(unconfigured);
      expect(rows.every((m) => m.attempts === 0 && m.state === 'waiting')).toBe(true);
    } finally {
      await unconfigured.close();
    }
  });
});
