/**
 * Policies per language: with `policies/es/irs-rate.md` in POLICY_DIR, a technician who chose
 * Spanish reads and signs the Spanish text (its hash recorded, the PDF printing it with a
 * Spanish acknowledgement page); for a state whose policy has no translation they sign the
 * English one, and the PDF says so in Spanish. A language other than en/es is refused.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft, saveDraft, submitDraft, uploadAll } from '../support/drafts.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { pdfText } from '../support/responses.js';

const SHIPPED = path.resolve(import.meta.dirname, '../../policies');
const SPANISH_IRS = `---
id: irs-rate
version: 2025-08-01-es
title: Política BYOV para técnicos (California, Illinois y Washington)
states: [CA, IL, WA]
---
# Política de vehículo propio (BYOV) para técnicos

Los primeros 35 minutos de su traslado de la mañana no se reembolsan.
`;

describeEachEngine('policies in the technician’s language', (engine) => {
  let t: TestApp;
  let files: SubmissionFiles;
  let temp: { dir: string; remove(): Promise<void> };

  beforeAll(async () => {
    temp = await makeTempDir('byov-policy-es-');
    const dir = path.join(temp.dir, 'policies');
    await cp(SHIPPED, dir, { recursive: true });
    await mkdir(path.join(dir, 'es'));
    await writeFile(path.join(dir, 'es', 'irs-rate.md'), SPANISH_IRS);
    [t, files] = await Promise.all([startTestApp(engine, { POLICY_DIR: dir }), makeSubmissionFiles(5_000)]);
  });
  afterAll(async () => {
    await t?.close();
    await temp?.remove();
  });

  const policyFor = (query: string) => t.app.inject({ url: `/api/policy?${query}` });

  it('answers the Spanish policy where there is one, the English one elsewhere, and refuses other languages', async () => {
    const spanish = (await policyFor('state=IL&language=es')).json();
    expect(spanish).toMatchObject({ templateId: 'irs-rate', language: 'es', version: '2025-08-01-es' });
    expect(spanish.text).toContain('Los primeros 35 minutos');
    const english = (await policyFor('state=IL')).json();
    expect(english).toMatchObject({ templateId: 'irs-rate', language: 'en' });
    expect(english.sha256).not.toBe(spanish.sha256);
    expect((await policyFor('state=TX&language=es')).json()).toMatchObject({
      templateId: 'fixed-rate',
      language: 'en',
    });
    const refused = await policyFor('state=IL&language=fr');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'language' });
  });

  /** The wizard's way: a Spanish draft, filled and submitted with the hash of the policy shown. */
  async function submitSpanishDraft(state: string, techId: string, policySha256: string) {
    const draft = await createDraft(t, { language: 'es' });
    const saved = await saveDraft(t, draft.resumeCode, { data: validEnrollmentData({ state, techId }) });
    expect(saved.statusCode, saved.body).toBe(200);
    await uploadAll(t, draft.resumeCode, files);
    return submitDraft(t, draft.resumeCode, { timeZone: 'America/Chicago', policySha256 });
  }

  it('signs the Spanish text, records its hash and prints it with a Spanish acknowledgement page', async () => {
    const shown = (await policyFor('state=IL&language=es')).json();
    // A text nobody served cannot be signed.
    const stale = await submitSpanishDraft('IL', 'ES-IL-0', 'a'.repeat(64));
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatchObject({ field: 'policy' });

    const response = await submitSpanishDraft('IL', 'ES-IL-1', shown.sha256);
    expect(response.statusCode, response.body).toBe(201);
    const { id, policyPdfUrl } = response.json();
    const row = await t.runtime.db.kysely
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ language: 'es', policy_template_id: 'irs-rate', policy_sha256: shown.sha256 });
    const text = (await pdfText((await t.app.inject({ url: policyPdfUrl })).rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Los primeros 35 minutos de su traslado');
    expect(text).toContain('Reconocimiento del técnico sobre su participación en BYOV');
    expect(text).not.toContain('El técnico leyó y firmó el texto en inglés de esta política');
    expect(text).not.toContain('first 35 minutes of your morning commute');
  });

  it('signs the English text when that is what the Spanish technician was shown', async () => {
    const english = (await policyFor('state=IL')).json();
    const response = await submitSpanishDraft('IL', 'ES-IL-2', english.sha256);
    expect(response.statusCode, response.body).toBe(201);
    const row = await t.runtime.db.kysely
      .selectFrom('enrollments')
      .select('policy_sha256')
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(row.policy_sha256).toBe(english.sha256);
    const text = (await pdfText((await t.app.inject({ url: response.json().policyPdfUrl })).rawPayload)).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('first 35 minutes of your morning commute');
    expect(text).toContain('El técnico leyó y firmó el texto en inglés de esta política');
  });

  it('signs the English policy where there is no translation, and the Spanish PDF says so', async () => {
    const shown = (await policyFor('state=TX&language=es')).json();
    const response = await submitSpanishDraft('TX', 'ES-TX-1', shown.sha256);
    expect(response.statusCode, response.body).toBe(201);
    const text = (await pdfText((await t.app.inject({ url: response.json().policyPdfUrl })).rawPayload)).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('first 35 minutes of your morning commute');
    expect(text).toContain('El técnico leyó y firmó el texto en inglés de esta política');
    expect(text).toContain('Fecha:');
  });
});
