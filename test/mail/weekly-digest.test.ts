import { afterEach, beforeEach, expect, it } from 'vitest';
import { enqueueWeeklyDigest, mondayOf } from '../../src/domain/notifications/enqueue-weekly-digest.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { HOUR, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { INBOX, outboxRows, sendNow, setInbox } from './support.js';

it('finds the Monday of the ISO week', () => {
  expect(mondayOf('2026-01-05')).toBe('2026-01-05');
  expect(mondayOf('2026-01-11')).toBe('2026-01-05');
  expect(mondayOf('2026-01-01')).toBe('2025-12-29');
});

describeEachEngine('the weekly expiry digest', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  // A Thursday: the first digest covers the week that began on Monday 2026-01-05.
  const clock = manualClock(new Date('2026-01-08T00:30:00.000Z'));

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen() }, clock.now);
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('goes to the program inbox exactly once a week, across restarts and instances, listing what expired or expires within 30 days', async () => {
    expect(await enqueueWeeklyDigest(t.runtime.db.kysely, clock.now())).toBe(false);
    await setInbox(t);
    const approve = async (id: string) =>
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/admin/enrollments/${id}/approve`, headers: adminHeaders() }))
          .statusCode,
      ).toBe(200);
    const first = await submit(t, files, {
      techId: 'DIG-1',
      insuranceExpiration: '2026-01-20',
      registrationExpiration: '2026-12-31',
    });
    await approve(first.id);
    const second = await submit(t, files, {
      techId: 'DIG-2',
      fullName: 'Ana <b>Díaz</b>',
      insuranceExpiration: '2026-12-31',
      registrationExpiration: '2026-02-20',
    });
    // Pending review still counts: its documents are the ones in play.
    expect(second.id).toBeTruthy();

    // Six weeks, every six hours, each time from two instances (or a restart in between).
    const queuedAt: string[] = [];
    for (let run = 0; run < 6 * 7 * 4; run++) {
      for (const _instance of [1, 2]) {
        if (await enqueueWeeklyDigest(t.runtime.db.kysely, clock.now())) queuedAt.push(clock.now().toISOString());
      }
      clock.advance(6 * HOUR);
    }
    expect(queuedAt).toEqual([
      '2026-01-08T00:30:00.000Z',
      '2026-01-12T00:30:00.000Z',
      '2026-01-19T00:30:00.000Z',
      '2026-01-26T00:30:00.000Z',
      '2026-02-02T00:30:00.000Z',
      '2026-02-09T00:30:00.000Z',
      '2026-02-16T00:30:00.000Z',
    ]);
    const digests = (await outboxRows(t)).filter((m) => m.kind === 'email.weekly_digest');
    const summary = digests.map((m) => {
      const p = JSON.parse(m.payload);
      return `${p.weekOf}: ${p.items.map((i: { techId: string; document: string }) => `${i.techId} ${i.document}`).join(', ')}`;
    });
    expect(summary).toEqual([
      '2026-01-05: DIG-1 insurance',
      '2026-01-12: DIG-1 insurance',
      '2026-01-19: DIG-1 insurance',
      '2026-01-26: DIG-1 insurance, DIG-2 registration',
      '2026-02-02: DIG-1 insurance, DIG-2 registration',
      '2026-02-09: DIG-1 insurance, DIG-2 registration',
      '2026-02-16: DIG-1 insurance, DIG-2 registration',
    ]);

    await sendNow(t, clock.now);
    const received = sink.to(INBOX).filter((m) => m.parsed.subject?.includes('Weekly expiry digest'));
    expect(received).toHaveLength(7);
    const last = received.find((m) => m.parsed.subject?.includes('2026-02-16'));
    expect(last?.parsed.subject).toBe('[BYOV Program] Weekly expiry digest, week of 2026-02-16: 1 expired, 1 expiring');
    expect(last?.parsed.text).toContain(`2026-01-20: insurance of Łukasz Nuñez (Tech ID DIG-1), ${first.reference}`);
    expect(last?.parsed.text).toContain(
      `2026-02-20: registration of Ana <b>Díaz</b> (Tech ID DIG-2), ${second.reference}`,
    );
    expect(last?.parsed.html).toContain('Ana &lt;b&gt;Díaz&lt;/b&gt;');
    expect(last?.parsed.html).not.toContain('<b>Díaz');
  });
});
