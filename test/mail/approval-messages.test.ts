import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { adminApi, outboxRows, sendNow, sha256 } from './support.js';

describeEachEngine('approval notification, HR policy e-mail and checklist e-mails', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-05-04T09:00:00.000Z'));
  const api = adminApi(() => t);
  const auditOf = (action: string) =>
    t.runtime.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen(), PROGRAM_NAME: 'Fleet BYOV' }, clock.now);
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('refuses bad approval settings and changes nothing; saving is audited', async () => {
    const before = (await api('GET', '/api/admin/settings/notifications/approval')).json();
    expect(before).toMatchObject({ enabled: false, recipients: [], documents: ['signed_policy'] });
    for (const [body, field] of [
      [{ subject: 'Approved {name} {salary}' }, 'subject'],
      [{ subject: 'Approved\r\nBcc: x@example.com' }, 'subject'],
      [{ fields: ['fullName', 'password'] }, 'fields'],
      [{ documents: ['signature'] }, 'documents'],
      [{ recipients: ['not an address'] }, 'recipients'],
      [{ enabled: true, recipients: [] }, 'recipients'],
      [{ surprise: 1 }, 'surprise'],
    ] as const) {
      const bad = await api('PUT', '/api/admin/settings/notifications/approval', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect((await api('GET', '/api/admin/settings/notifications/approval')).json()).toEqual(before);
    expect(await auditOf('settings.approval_notice_updated')).toHaveLength(0);

    const saved = await api('PUT', '/api/admin/settings/notifications/approval', {
      enabled: true,
      recipients: ['fleet@example.com'],
      fields: ['fullName', 'vin'],
      documents: ['registration'],
      subject: 'Approved: {name}',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const [event] = await auditOf('settings.approval_notice_updated');
    expect(JSON.parse(event?.details ?? '{}')).toEqual({
      enabled: true,
      recipientCount: 1,
      fields: ['fullName', 'vin'],
      documents: ['registration'],
      subject: 'Approved: {name}',
    });
    const badTask = await api('PUT', '/api/admin/settings/notifications/tasks', {
      tasks: { policy_hr: { recipients: ['hr@example.com', 'nope'] } },
    });
    expect(badTask.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'tasks.policy_hr.recipients' });
    expect(await auditOf('settings.task_emails_updated')).toHaveLength(0);
  });

  it('previews the approval notification from unsaved settings with a made-up enrollment', async () => {
    const preview = await api('POST', '/api/admin/settings/notifications/approval/preview', {
      enabled: true,
      recipients: ['fleet@example.com'],
      fields: ['fullName', 'techId', 'industries', 'vin'],
      documents: ['signed_policy', 'photos'],
      subject: '{program}: {name} ({techId}) {reference}',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.subject).toBe('Fleet BYOV: Sample Technician (T-0000) BYOV-SAMPLE');
    expect(body.text).toContain('Industries');
    expect(body.text).toContain('1HGCM82633A004352');
    expect(body.text).not.toContain('Model');
    expect(body.html).toContain('Sample Technician');
    expect(body.attachments.map((a: { filename: string }) => a.filename)).toEqual([
      'BYOV-SAMPLE-signed-policy.pdf',
      'BYOV-SAMPLE-vehicle_front.jpg',
      'BYOV-SAMPLE-vehicle_back.jpg',
      'BYOV-SAMPLE-vehicle_left.jpg',
      'BYOV-SAMPLE-vehicle_right.jpg',
    ]);
    const bad = await api('POST', '/api/admin/settings/notifications/approval/preview', { subject: '{nope}' });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'subject' });
    const task = await api('POST', '/api/admin/settings/notifications/tasks/preview', {
      label: 'Signed policy sent to HR',
      subject: '[{program}] {task} for {name}',
      intro: 'Hello HR, here is {name}.',
      attachSignedPolicy: true,
    });
    expect(task.json()).toMatchObject({
      subject: '[Fleet BYOV] Signed policy sent to HR for Sample Technician',
      attachments: [{ filename: 'BYOV-SAMPLE-signed-policy.pdf', contentType: 'application/pdf' }],
    });
    expect(task.json().text).toContain('Hello HR, here is Sample Technician.');
  });

  it('queues the notification and the HR e-mail with the approval; delivery ticks the HR task as the system', async () => {
    expect(
      (
        await api('PUT', '/api/admin/settings/notifications/approval', {
          enabled: true,
          recipients: ['fleet@example.com', 'ops@example.com'],
          fields: ['fullName', 'techId', 'industries', 'vin', 'insuranceExpiration'],
          documents: ['signed_policy', 'insurance'],
          subject: 'Approved: {name} (Tech ID {techId}) {reference}',
        })
      ).statusCode,
    ).toBe(200);
    const tasks = (await api('GET', '/api/admin/settings/notifications/tasks')).json();
    expect(tasks.tasks.policy_hr).toMatchObject({ recipients: [], onApproval: true, completesTask: true });
    tasks.tasks.policy_hr.recipients = ['hr@example.com'];
    expect((await api('PUT', '/api/admin/settings/notifications/tasks', tasks)).statusCode).toBe(200);

    const { id, reference } = await submit(t, files, { techId: 'APR-1' });
    const enrollment = await t.runtime.db.kysely
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect((await api('POST', `/api/admin/enrollments/${id}/approve`)).statusCode).toBe(200);
    const kinds = (await outboxRows(t)).map((m) => m.kind).sort();
    expect(kinds).toEqual(['email.approval', 'email.approval_notice', 'email.confirmation', 'email.task']);

    // Queued is not sent: the HR task stays open until the SMTP server accepts the e-mail.
    sink.mode = 'refuse';
    await sendNow(t, clock.now);
    const hrTask = async () =>
      (await api('GET', `/api/admin/enrollments/${id}`))
        .json()
        .checklist.find((c: { key: string }) => c.key === 'policy_hr');
    expect(await hrTask()).toMatchObject({ completedAt: null, email: true });
    sink.mode = 'accept';
    clock.advance(10 * 60_000);
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 4 });

    const [notice] = sink.to('fleet@example.com');
    expect(notice?.to.sort()).toEqual(['fleet@example.com', 'ops@example.com']);
    expect(notice?.parsed.subject).toBe(`Approved: Łukasz Nuñez (Tech ID APR-1) ${reference}`);
    for (const part of [notice?.parsed.text ?? '', notice?.parsed.html || '']) {
      expect(part).toContain('1HGCM82633A004352');
      expect(part).toContain('HVAC, Ref');
      expect(part).toContain(enrollment.insurance_expiration);
      expect(part).not.toContain('Accord');
    }
    const names = notice?.parsed.attachments.map((a) => a.filename);
    expect(names).toEqual([
      `${reference}-signed-policy.pdf`,
      `${reference}-insurance.jpg`,
      `${reference}-insurance-2.pdf`,
    ]);
    const pdf = notice?.parsed.attachments[0];
    expect(pdf && sha256(pdf.content)).toBe(enrollment.signed_pdf_sha256);

    const [hr] = sink.to('hr@example.com');
    expect(hr?.parsed.subject).toBe('[Fleet BYOV] Signed vehicle policy: Łukasz Nuñez (Tech ID APR-1)');
    expect(hr?.parsed.text).toContain('Please find attached the signed vehicle policy of Łukasz Nuñez');
    expect(hr?.parsed.attachments.map((a) => [a.filename, sha256(a.content)])).toEqual([
      [`${reference}-signed-policy.pdf`, enrollment.signed_pdf_sha256],
    ]);

    expect(await hrTask()).toMatchObject({ completedBy: 'system', completedAt: clock.now().toISOString() });
    const [ticked] = await auditOf('checklist.completed_by_email');
    expect(ticked).toMatchObject({ actor: 'system', actor_id: null, enrollment_id: id });
    const task = (await outboxRows(t)).find((m) => m.kind === 'email.task');
    expect(JSON.parse(ticked?.details ?? '{}')).toEqual({ task: 'policy_hr', outboxId: task?.id });

    // Sent again (an admin's resend), it does not tick anything twice.
    expect((await api('POST', `/api/admin/notifications/${task?.id}/resend`)).statusCode).toBe(200);
    expect(await sendNow(t, clock.now)).toMatchObject({ sent: 1 });
    expect(sink.to('hr@example.com')).toHaveLength(2);
    expect(await auditOf('checklist.completed_by_email')).toHaveLength(1);
  });

  it('sends nothing extra on approval when nothing is set up', async () => {
    const { id } = await submit(t, files, { techId: 'APR-2' });
    expect((await api('POST', `/api/admin/enrollments/${id}/approve`)).statusCode).toBe(200);
    expect((await outboxRows(t)).map((m) => m.kind).sort()).toEqual(['email.approval', 'email.confirmation']);
  });

  it('sends a checklist task e-mail on "Send", audited, without ticking a task that is not set to', async () => {
    const { id, reference } = await submit(t, files, { techId: 'APR-3' });
    const noRecipients = await api('POST', `/api/admin/enrollments/${id}/checklist/fleet_inventory/send`);
    expect(noRecipients.statusCode).toBe(409);
    expect(noRecipients.json().error.code).toBe('INVALID_TRANSITION');
    const unknown = await api('POST', `/api/admin/enrollments/${id}/checklist/nope/send`);
    expect(unknown.statusCode).toBe(404);
    expect(await outboxRows(t)).toHaveLength(1);

    const saved = await api('PUT', '/api/admin/settings/notifications/tasks', {
      tasks: {
        fleet_inventory: {
          recipients: ['fleet@example.com'],
          subject: '[{program}] {task}: {name}',
          intro: 'Please prepare the assortment for {name} in district {district}.',
        },
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const detail = (await api('GET', `/api/admin/enrollments/${id}`)).json();
    expect(detail.checklist.filter((c: { email: boolean }) => c.email).map((c: { key: string }) => c.key)).toEqual([
      'fleet_inventory',
    ]);
    const sent = await api('POST', `/api/admin/enrollments/${id}/checklist/fleet_inventory/send`);
    expect(sent.statusCode, sent.body).toBe(202);
    const [queued] = await auditOf('checklist.email_queued');
    expect(JSON.parse(queued?.details ?? '{}')).toEqual({
      task: 'fleet_inventory',
      outboxId: sent.json().id,
      recipientCount: 1,
    });
    await sendNow(t, clock.now);
    const [mail] = sink.to('fleet@example.com');
    expect(mail?.parsed.subject).toBe('[Fleet BYOV] Fleet and inventory notified: Łukasz Nuñez');
    expect(mail?.parsed.text).toContain('Please prepare the assortment for Łukasz Nuñez in district 4021.');
    expect(mail?.parsed.text).toContain(reference);
    expect(mail?.parsed.attachments).toHaveLength(0);
    const after = (await api('GET', `/api/admin/enrollments/${id}`)).json();
    expect(after.checklist.find((c: { key: string }) => c.key === 'fleet_inventory').completedAt).toBeNull();
  });
});
