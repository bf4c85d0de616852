import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft, saveDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { linkIn, sendNow } from './support.js';

describeEachEngine('"e-mail me a link to continue"', (engine) => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = new SmtpSink();
    t = await startTestApp(engine, { SMTP_URL: await sink.listen() });
  });
  afterEach(async () => {
    await sink.close();
    await t.close();
  });

  it('sends a link that opens the draft, only to the address typed into it', async () => {
    const draft = await createDraft(t);
    const early = await t.app.inject({ method: 'POST', url: `/api/drafts/${draft.resumeCode}/email-link` });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });

    expect(
      (await saveDraft(t, draft.resumeCode, { data: { fullName: 'Ana', email: 'ana@example.com' } })).statusCode,
    ).toBe(200);
    const asked = await t.app.inject({ method: 'POST', url: `/api/drafts/${draft.resumeCode}/email-link` });
    expect(asked.json()).toEqual({ to: 'ana@example.com' });
    await sendNow(t, () => new Date());
    const [mail] = sink.to('ana@example.com');
    expect(mail?.parsed.subject).toBe('[BYOV Program] Your link to continue your enrollment');
    const code = new URL(linkIn(mail?.parsed.text ?? '', 'resume=')).searchParams.get('resume');
    expect(code).not.toBe(draft.resumeCode);
    const opened = await t.app.inject({ method: 'GET', url: `/api/drafts/${code}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().data.fullName).toBe('Ana');

    const unknown = await t.app.inject({ method: 'POST', url: '/api/drafts/ABCDE-FGHJK/email-link' });
    expect(unknown.statusCode).toBe(404);
  });
});
