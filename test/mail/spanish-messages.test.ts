/**
 * A technician who chose Spanish gets every message in Spanish, delivered through a real SMTP
 * server: the confirmation, a change request (with the fields named in Spanish), a rejection, an
 * approval, expiry reminders and the link to continue a draft. The program inbox's notice stays
 * English, as does everything for a technician who chose English. The admin API says which
 * language each technician used, and a language other than en/es is refused.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { enqueueExpiryReminders } from '../../src/domain/notifications/enqueue-expiry-reminders.js';
import { fieldLabel } from '../../src/shared/field-labels.js';
import type { TestApp } from '../support/app-harness.js';
import { startTestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { createDraft, saveDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import {
  buildSubmissionForm,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { adminApi, INBOX, outboxRows, sendNow, setInbox } from './support.js';

/** English sentences of the technician messages that must not leak into a Spanish one. */
const ENGLISH = ['What happens next', 'Hello', 'Reference', 'This message was sent automatically', 'Your enrollment'];

describeEachEngine('messages to technicians in Spanish', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-02-01T12:00:00.000Z'));
  const api = adminApi(() => t);

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen() }, clock.now);
    await setInbox(t);
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  /** Submits through the public API with the technician's language as the `language` part. */
  async function submitIn(language: string | undefined, overrides: Record<string, unknown>) {
    const form = buildSubmissionForm(validEnrollmentData(overrides), files);
    if (language !== undefined) form.append('language', language);
    return t.app.inject({ method: 'POST', url: '/api/enrollments', payload: form });
  }

  function onlyMailTo(address: string, subjectPart: string) {
    const mails = sink.to(address).filter((m) => (m.parsed.subject ?? '').includes(subjectPart));
    expect(mails, `${subjectPart} to ${address}`).toHaveLength(1);
    return mails[0]?.parsed as { subject: string; text: string; html: string };
  }

  function expectSpanish(mail: { text: string; html: string }) {
    for (const english of ENGLISH) expect(mail.text, english).not.toContain(english);
    expect(mail.html).toContain('<html lang="es">');
    expect(mail.text).toContain('Este mensaje lo envió automáticamente el sistema de inscripción.');
  }

  it('writes the confirmation, change request, rejection and approval in Spanish; the inbox notice stays English', async () => {
    const ana = 'ana.ruiz@example.com';
    const spanish = await submitIn('es', { fullName: 'Ana Ruiz', techId: 'ES-1', email: ana });
    expect(spanish.statusCode, spanish.body).toBe(201);
    const english = await submitIn(undefined, { fullName: 'Tom Hale', techId: 'EN-1', email: 'tom@example.com' });
    expect(english.statusCode, english.body).toBe(201);
    const { id, reference } = spanish.json() as { id: string; reference: string };

    const detail = await api('GET', `/api/admin/enrollments/${id}`);
    expect(detail.json().enrollment.language).toBe('es');
    const englishId = (english.json() as { id: string }).id;
    expect((await api('GET', `/api/admin/enrollments/${englishId}`)).json().enrollment.language).toBe('en');

    const requested = await api('POST', `/api/admin/enrollments/${id}/request-changes`, {
      fields: ['insuranceProvider', 'plate'],
      message: 'Please upload a readable card.',
    });
    expect(requested.statusCode, requested.body).toBe(200);
    await sendNow(t, clock.now);

    const confirmation = onlyMailTo(ana, 'Recibimos su inscripción');
    expect(confirmation.subject).toBe(`[BYOV Program] Recibimos su inscripción ${reference}`);
    expect(confirmation.text).toContain('Hola Ana Ruiz, gracias: recibimos la inscripción de su vehículo.');
    expect(confirmation.text).toContain('Qué sigue: el equipo del programa revisará su inscripción.');
    expect(confirmation.text).toContain('Descargue su política firmada (PDF):');
    expectSpanish(confirmation);

    const changes = onlyMailTo(ana, 'Se necesitan cambios');
    expect(changes.text).toContain('Qué corregir');
    for (const field of ['insuranceProvider', 'plate']) expect(changes.text).toContain(`- ${fieldLabel(field, 'es')}`);
    expect(changes.text).toContain('> Please upload a readable card.');
    expect(changes.text).toMatch(/El enlace funciona hasta el \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expectSpanish(changes);

    // The program inbox and the English technician read English.
    const notice = onlyMailTo(INBOX, 'New enrollment: Ana Ruiz');
    expect(notice.html).toContain('<html lang="en">');
    expect(notice.text).toContain('This message was sent automatically by the enrollment system.');
    expect(onlyMailTo('tom@example.com', 'We received your enrollment').text).toContain('What happens next');

    // The technician resubmits from the change link (a Spanish draft), then is rejected, then approved.
    const second = await submitIn('es', { fullName: 'Ana Ruiz', techId: 'ES-1', email: ana });
    const secondId = (second.json() as { id: string }).id;
    const rejected = await api('POST', `/api/admin/enrollments/${secondId}/reject`, { reason: 'Wrong vehicle.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect((await api('POST', `/api/admin/enrollments/${secondId}/approve`)).statusCode).toBe(200);
    await sendNow(t, clock.now);
    const rejection = onlyMailTo(ana, 'no fue aprobada');
    expect(rejection.text).toContain('El motivo indicado:');
    expect(rejection.text).toContain('> Wrong vehicle.');
    expectSpanish(rejection);
    const approval = onlyMailTo(ana, 'está aprobada');
    expect(approval.text).toContain('Mantenga vigentes su seguro y su registro');
    expectSpanish(approval);
  });

  it('reminds of expiring documents in Spanish, with "hoy" and plurals as whole phrases', async () => {
    const submitted = await submitIn('es', {
      techId: 'ES-2',
      email: 'luz@example.com',
      insuranceExpiration: '2026-03-03',
      registrationExpiration: '2026-02-01',
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { id } = submitted.json() as { id: string };
    expect((await api('POST', `/api/admin/enrollments/${id}/approve`)).statusCode).toBe(200);
    await enqueueExpiryReminders(t.runtime.db.kysely, clock.now());
    await sendNow(t, clock.now);
    const subjects = sink
      .to('luz@example.com')
      .map((m) => m.parsed.subject ?? '')
      .filter((s) => s.includes('de su vehículo'))
      .sort();
    expect(subjects).toEqual([
      '[BYOV Program] El registro de su vehículo vence hoy (2026-02-01)',
      '[BYOV Program] El seguro de su vehículo vence en 30 días (2026-03-03)',
    ]);
    const reminder = onlyMailTo('luz@example.com', 'vence en 30 días');
    expect(reminder.text).toContain('Su seguro vence en 30 días');
    expect(reminder.text).toContain('Suba su seguro renovado:');
    expect(onlyMailTo('luz@example.com', 'vence hoy').text).toContain('Su registro vence hoy');
    expectSpanish(reminder);
  });

  it('sends the link to continue a Spanish draft in Spanish, and refuses an unknown language', async () => {
    const draft = await createDraft(t);
    const saved = await saveDraft(t, draft.resumeCode, {
      data: { fullName: 'Luz', email: 'luz.draft@example.com' },
      language: 'es',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const asked = await t.app.inject({ method: 'POST', url: `/api/drafts/${draft.resumeCode}/email-link` });
    expect(asked.statusCode, asked.body).toBe(200);
    await sendNow(t, clock.now);
    const mail = onlyMailTo('luz.draft@example.com', 'Su enlace para continuar');
    expect(mail.text).toContain('Continúe su inscripción:');
    expectSpanish(mail);

    const before = (await outboxRows(t)).length;
    const refused = await submitIn('fr', { techId: 'FR-1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'language' });
    expect((await api('GET', '/api/admin/enrollments?search=FR-1')).json().total).toBe(0);
    expect(await outboxRows(t)).toHaveLength(before);
  });
});
