import { afterEach, beforeEach, expect, it } from 'vitest';
import { dueOffset, enqueueExpiryReminders } from '../../src/domain/notifications/enqueue-expiry-reminders.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { DAY, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { linkIn, outboxRows, sendNow } from './support.js';

it('picks the offset whose day has come, until the next smaller one', () => {
  const offsets = [0, 7, 30];
  expect(dueOffset(offsets, '2026-01-29', '2026-03-01')).toBeUndefined();
  expect(dueOffset(offsets, '2026-01-30', '2026-03-01')).toBe(30);
  expect(dueOffset(offsets, '2026-02-21', '2026-03-01')).toBe(30);
  expect(dueOffset(offsets, '2026-02-22', '2026-03-01')).toBe(7);
  expect(dueOffset(offsets, '2026-02-28', '2026-03-01')).toBe(7);
  expect(dueOffset(offsets, '2026-03-01', '2026-03-01')).toBe(0);
  expect(dueOffset(offsets, '2026-03-02', '2026-03-01')).toBeUndefined();
});

describeEachEngine('expiry reminders', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-01-01T12:00:00.000Z'));

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen() }, clock.now);
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('sends exactly the expected reminders over a year, none for a renewed document, across repeated runs', async () => {
    const { id } = await submit(t, files, {
      techId: 'EXP-1',
      insuranceExpiration: '2026-03-01',
      registrationExpiration: '2026-06-30',
    });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/admin/enrollments/${id}/approve`,
      headers: adminHeaders(),
    });
    expect(approved.statusCode).toBe(200);

    for (let day = 0; day < 365; day++) {
      if (clock.now().toISOString().startsWith('2026-06-15')) {
        // The technician renews both documents; the new revision waits for review.
        await submit(t, files, {
          techId: 'EXP-1',
          insuranceExpiration: '2027-03-01',
          registrationExpiration: '2027-06-30',
        });
      }
      // Twice a day, as two instances (or a restart) would run it; the sender delivers daily.
      await enqueueExpiryReminders(t.runtime.db.kysely, clock.now());
      await enqueueExpiryReminders(t.runtime.db.kysely, clock.now());
      await sendNow(t, clock.now);
      clock.advance(DAY);
    }
    // What the technician received over the year: exactly these reminders, each once.
    expect(
      sink.received
        .map((m) => m.parsed.subject ?? '')
        .filter((s) => s.includes('Your vehicle'))
        .sort(),
    ).toEqual([
      '[BYOV Program] Your vehicle insurance expires in 30 days (2026-03-01)',
      '[BYOV Program] Your vehicle insurance expires in 7 days (2026-03-01)',
      '[BYOV Program] Your vehicle insurance expires today (2026-03-01)',
      '[BYOV Program] Your vehicle registration expires in 30 days (2026-06-30)',
    ]);

    const reminders = (await outboxRows(t))
      .filter((m) => m.kind === 'email.expiry_reminder')
      .map((m) => {
        const p = JSON.parse(m.payload);
        return `${m.created_at.slice(0, 10)} ${p.document} ${p.expiresOn} ${p.daysBefore}`;
      })
      .sort();
    expect(reminders).toEqual([
      '2026-01-30 insurance 2026-03-01 30',
      '2026-02-22 insurance 2026-03-01 7',
      '2026-03-01 insurance 2026-03-01 0',
      '2026-05-31 registration 2026-06-30 30',
    ]);

    // Delivered, the reminder carries a link that opens a renewal draft without the old document
    // (opened here on the day it arrived: the draft lives DRAFT_TTL_DAYS).
    clock.set(new Date('2026-03-01T18:00:00.000Z'));
    const mail = sink.received.find((m) => m.parsed.subject?.includes('insurance expires today'));
    expect(mail?.parsed.subject).toBe('[BYOV Program] Your vehicle insurance expires today (2026-03-01)');
    const link = new URL(linkIn(mail?.parsed.text ?? '', 'resume='));
    const draft = await t.app.inject({ method: 'GET', url: `/api/drafts/${link.searchParams.get('resume')}` });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().data.vin).toBe('1HGCM82633A004352');
    const fields = draft.json().files.map((f: { field: string }) => f.field);
    expect(fields).not.toContain('insurance');
    expect(fields).toContain('registration');
  });
});
