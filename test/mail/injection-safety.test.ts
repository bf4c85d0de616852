/**
 * Hostile values in every field an e-mail carries (CR/LF that would start a header of its own,
 * 10,000-character values, HTML and placeholders) reach no header and no markup, and the links
 * in e-mails are stored only as hashes and stop working when they expire.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { enqueueSubmissionMessages } from '../../src/domain/notifications/enqueue-submission-messages.js';
import { enqueueWeeklyDigest } from '../../src/domain/notifications/enqueue-weekly-digest.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { DAY, manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import type { ReceivedMail } from '../support/smtp-sink.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { adminApi, INBOX, linkIn, sendNow, setInbox } from './support.js';

const LONG = 'A'.repeat(10_000);
const HOSTILE = {
  full_name: `Eve\r\nBcc: evil@example.com\r\nX-Injected: name <script>alert(1)</script> {techId} ${LONG}`,
  district: '<img src=x onerror=alert(1)>\nX-Injected: district',
  make: `</td></tr></table><h1>owned</h1>${LONG}`,
  model: '"><a href="javascript:alert(1)">model</a>\r\n\r\nbody takeover',
  referred_by: `\u2028X-Injected: referred\u0007${LONG}`,
  color: '\rX-Injected: color',
  plate: '<b>P</b>',
  insurance_provider: `${'<i>'.repeat(3000)}`,
  comment: `Line one\r\nX-Injected: comment\r\n<style>body{display:none}</style>${LONG}`,
};
const HOSTILE_MESSAGE = `Fix this\r\nBcc: evil@example.com\r\n<script>alert(2)</script>${'x'.repeat(1900)}`;
const MARKUP = ['<script', '<img', '<h1>owned', 'href="javascript', '<style', '<b>P</b>', '<i><i>'];

/** The header block of the message as it went over the wire. */
function headerLines(mail: ReceivedMail): string[] {
  const raw = mail.raw.toString('utf8');
  return raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
}

function expectSafe(mail: ReceivedMail, envelope: string[]): void {
  const lines = headerLines(mail);
  expect(
    lines.filter((l) => /^(bcc|x-injected|cc)\s*:/i.test(l)),
    mail.parsed.subject,
  ).toEqual([]);
  expect([...mail.parsed.headers.keys()].filter((k) => ['bcc', 'cc', 'x-injected'].includes(k))).toEqual([]);
  const subject = mail.parsed.subject ?? '';
  for (const control of ['\r', '\n', '\u2028', '\u0007']) expect(subject).not.toContain(control);
  expect(subject.length).toBeLessThanOrEqual(200);
  const to = (Array.isArray(mail.parsed.to) ? mail.parsed.to : [mail.parsed.to]).flatMap((a) => a?.value ?? []);
  expect(to.map((a) => a.address).sort()).toEqual([...envelope].sort());
  expect(mail.to.sort()).toEqual([...envelope].sort());
  const html = mail.parsed.html || '';
  expect(html.length).toBeGreaterThan(0);
  for (const markup of MARKUP) expect(html, `${subject}: ${markup}`).not.toContain(markup);
}

describeEachEngine('e-mail safety with hostile values', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-06-01T09:00:00.000Z'));
  const api = adminApi(() => t);

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(
      engine,
      { SMTP_URL: await sink.listen(), PROGRAM_NAME: 'Fleet\r\nBcc: x@example.com' },
      clock.now,
    );
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('injects no header and no markup from any field, and links are hashed and expire', async () => {
    await setInbox(t);
    await api('PUT', '/api/admin/settings/notifications/approval', {
      enabled: true,
      recipients: ['fleet@example.com'],
      fields: [
        'fullName',
        'techId',
        'district',
        'referredBy',
        'make',
        'model',
        'color',
        'plate',
        'insuranceProvider',
        'comment',
      ],
      documents: ['signed_policy'],
      subject: '{name} {district} {make} {model}',
    });
    await api('PUT', '/api/admin/settings/notifications/tasks', {
      tasks: {
        policy_hr: {
          recipients: ['hr@example.com'],
          attachSignedPolicy: true,
          onApproval: true,
          completesTask: true,
          intro: 'For {name} of {district} <b>bold</b>',
        },
      },
    });
    const db = t.runtime.db.kysely;
    const a = await submit(t, files, { techId: 'SAFE-1', insuranceExpiration: '2026-06-10' });
    const b = await submit(t, files, { techId: 'SAFE-2' });
    // Values as an import from the earlier version may bring them: no length or character rules.
    await db.updateTable('enrollments').set(HOSTILE).where('id', 'in', [a.id, b.id]).execute();
    await db.deleteFrom('outbox').execute();
    await db.transaction().execute((trx) => enqueueSubmissionMessages(trx, a.id));
    expect((await api('POST', `/api/admin/enrollments/${a.id}/approve`)).statusCode).toBe(200);
    const requested = await api('POST', `/api/admin/enrollments/${b.id}/request-changes`, {
      fields: ['plate'],
      message: HOSTILE_MESSAGE,
    });
    expect(requested.statusCode, requested.body).toBe(200);
    expect(await enqueueWeeklyDigest(db, clock.now())).toBe(true);
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 7, retrying: 0, failed: 0 });

    const technician = 'lukasz.nunez@example.com';
    const expected: [string, string[]][] = [
      ['New enrollment', [INBOX]],
      ['We received', [technician]],
      ['is approved', [technician]],
      ['^Eve', ['fleet@example.com']],
      ['Signed policy sent to HR', ['hr@example.com']],
      ['Changes needed', [technician]],
      ['Weekly expiry digest', [INBOX]],
    ];
    expect(sink.received).toHaveLength(expected.length);
    for (const [fragment, envelope] of expected) {
      const subject = (m: ReceivedMail) => m.parsed.subject ?? '';
      const mail = sink.received.find((m) =>
        fragment.startsWith('^') ? subject(m).startsWith(fragment.slice(1)) : subject(m).includes(fragment),
      );
      expect(mail, fragment).toBeDefined();
      expectSafe(mail as ReceivedMail, envelope);
    }
    const notice = sink.received.find((m) => m.parsed.subject?.startsWith('Eve'));
    // Filled once: the name's own "{techId}" stays as typed.
    expect(notice?.parsed.subject).toMatch(
      /^Eve Bcc: evil@example\.com X-Injected: name <script>alert\(1\)<\/script> \{techId\} A+…$/,
    );
    expect(notice?.parsed.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(notice?.parsed.html).toContain(LONG);
    const change = sink.received.find((m) => m.parsed.subject?.includes('Changes needed'));
    expect(change?.parsed.html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(change?.parsed.text).toContain('<script>alert(2)</script>');
    const hr = sink.received.find((m) => m.parsed.subject?.includes('Signed policy sent to HR'));
    expect(hr?.parsed.html).toContain('&lt;b&gt;bold&lt;/b&gt;');

    // Links: only hashes are stored, and each stops working when it expires.
    const confirmation = sink.received.find((m) => m.parsed.subject?.includes('We received'));
    const receipt = new URL(linkIn(confirmation?.parsed.text ?? '', 'policy.pdf'));
    const resume = new URL(linkIn(change?.parsed.text ?? '', 'resume='));
    const token = receipt.searchParams.get('token') ?? '';
    const code = (resume.searchParams.get('resume') ?? '').replace('-', '');
    const links = await db.selectFrom('access_links').selectAll().execute();
    const sha = (value: string) => createHash('sha256').update(value).digest('hex');
    expect(links.map((l) => l.token_hash).sort()).toEqual([sha(token), sha(code)].sort());
    const everything = JSON.stringify([links, await db.selectFrom('outbox').selectAll().execute()]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(code);
    const fetchReceipt = () => t.app.inject({ method: 'GET', url: `${receipt.pathname}${receipt.search}` });
    const fetchDraft = () => t.app.inject({ method: 'GET', url: `/api/drafts/${resume.searchParams.get('resume')}` });
    expect((await fetchReceipt()).statusCode).toBe(200);
    expect((await fetchDraft()).statusCode).toBe(200);
    const latest = Math.max(...links.map((l) => Date.parse(l.expires_at)));
    expect(latest).toBeLessThanOrEqual(clock.now().getTime() + 90 * DAY);
    clock.set(new Date(latest + 1000));
    expect((await fetchReceipt()).statusCode).toBe(404);
    expect((await fetchDraft()).statusCode).toBe(404);
  });
});
