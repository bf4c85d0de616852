import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { manualClock } from '../support/clock.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles } from '../support/fixtures.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { submit } from '../support/submit.js';
import { adminApi, sendNow } from './support.js';

describeEachEngine('message templates in settings', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let files: SubmissionFiles;
  const clock = manualClock(new Date('2026-07-01T09:00:00.000Z'));
  const api = adminApi(() => t);
  const URL = '/api/admin/settings/notifications/templates';

  beforeEach(async () => {
    files ??= await makeSubmissionFiles(10_000);
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen(), PROGRAM_NAME: 'Fleet BYOV' }, clock.now);
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('rewrites a subject and opening text (audited), refuses unknown placeholders and line breaks, and previews', async () => {
    const initial = (await api('GET', URL)).json();
    expect(initial.templates['email.confirmation']).toEqual({
      subject: '[{program}] We received your enrollment {reference}',
      intro: 'Hello {name}, thank you: your vehicle enrollment is in.',
    });
    expect(initial.defaults['email.expiry_reminder'].placeholders).toContain('expiresOn');

    for (const [texts, field] of [
      [{ subject: 'Thanks {name} {vin}', intro: '' }, 'templates.email.confirmation.subject'],
      [{ subject: 'Thanks\r\nBcc: x@example.com', intro: '' }, 'templates.email.confirmation.subject'],
      [{ subject: 'Thanks', intro: 'Hi {salary}' }, 'templates.email.confirmation.intro'],
    ] as const) {
      const bad = await api('PUT', URL, { templates: { 'email.confirmation': texts } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect((await api('PUT', URL, { templates: { 'email.nope': { subject: 'x', intro: '' } } })).statusCode).toBe(400);
    expect((await api('GET', URL)).json().templates).toEqual(initial.templates);

    const custom = {
      subject: '{program}: thank you {name}, {reference}',
      intro: 'Dear {name}, your <b>{make}</b> is in.',
    };
    const saved = await api('PUT', URL, {
      templates: { 'email.confirmation': custom, 'email.approval': initial.templates['email.approval'] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().templates['email.confirmation']).toEqual(custom);
    const audit = await t.runtime.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'settings.templates_updated')
      .execute();
    // Saving the built-in approval text changes nothing for it.
    expect(audit.map((e) => JSON.parse(e.details))).toEqual([{ customized: ['email.confirmation'] }]);

    const preview = await api('POST', `${URL}/preview`, { kind: 'email.confirmation', ...custom });
    expect(preview.json().subject).toBe('Fleet BYOV: thank you Sample Technician, BYOV-SAMPLE');
    expect(preview.json().html).toContain('Dear Sample Technician, your &lt;b&gt;Honda&lt;/b&gt; is in.');
    const badPreview = await api('POST', `${URL}/preview`, { kind: 'email.confirmation', subject: '{x}', intro: '' });
    expect(badPreview.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'subject' });
    expect((await api('POST', `${URL}/preview`, { kind: 'nope' })).json().error.field).toBe('kind');
    for (const kind of Object.keys(initial.templates)) {
      const each = await api('POST', `${URL}/preview`, { kind, ...initial.templates[kind] });
      expect(each.statusCode, `${kind}: ${each.body}`).toBe(200);
      expect(each.json().subject).toContain('Fleet BYOV');
    }

    const { reference } = await submit(t, files, { techId: 'TPL-1' });
    await sendNow(t, clock.now);
    const [mail] = sink.to('Lukasz.Nunez@example.com');
    expect(mail?.parsed.subject).toBe(`Fleet BYOV: thank you Łukasz Nuñez, ${reference}`);
    expect(mail?.parsed.text).toContain('Dear Łukasz Nuñez, your <b>Honda</b> is in.');
    expect(mail?.parsed.text).not.toContain('thank you: your vehicle enrollment is in');

    // Back to the built-in text: nothing customized is left.
    const reset = await api('PUT', URL, { templates: {} });
    expect(reset.json().templates['email.confirmation']).toEqual(initial.templates['email.confirmation']);
  });
});
