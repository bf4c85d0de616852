import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSignaturePng } from '../../test/support/fixtures.js';
import { loadPolicyLibrary } from '../domain/policy/load-policy-library.js';
import type { PolicyTemplate } from '../domain/policy/policy-template.js';
import { formatSigningDate, generateSignedPolicyPdf, type SignedPolicyPdfInput } from './generate-signed-policy-pdf.js';

const execFileAsync = promisify(execFile);

/** The text of a PDF as poppler's pdftotext extracts it (CI installs poppler-utils). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const child = execFileAsync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin?.end(Buffer.from(bytes));
  const { stdout } = await child;
  return stdout;
}

let policy: PolicyTemplate;
let signaturePng: Buffer;

beforeAll(async () => {
  const library = await loadPolicyLibrary(path.resolve(import.meta.dirname, '../../policies'));
  policy = library.forState('IL');
  signaturePng = await makeSignaturePng();
});

function input(overrides: Partial<SignedPolicyPdfInput> & { fullName?: string; techId?: string } = {}) {
  const { fullName = 'Łukasz Nuñez', techId = 'TX-1001', ...rest } = overrides;
  return {
    policy,
    signer: { fullName, techId },
    signaturePng,
    submittedAt: new Date('2026-11-24T03:30:00.000Z'),
    timeZone: 'America/Chicago',
    audit: { reference: 'BYOV-7K3QM2XD', ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (iPhone) Safari/605.1' },
    ...rest,
  } satisfies SignedPolicyPdfInput;
}

describe('generateSignedPolicyPdf', () => {
  it('holds the full policy, then the acknowledgement with name, ID, local date, signature and audit block', async () => {
    const pdf = await generateSignedPolicyPdf(input());
    const loaded = await PDFDocument.load(pdf.bytes);
    expect(loaded.getPageCount()).toBe(pdf.pageCount);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    for (const page of loaded.getPages()) expect(page.getSize()).toEqual({ width: 612, height: 792 });
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);

    const text = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
    for (const sentence of [
      'Technician Bring Your Own Vehicle (BYOV) Policy',
      'The first 35 minutes of your morning commute',
      'standard mileage rate published by the IRS',
      'Changes to this policy',
      'Technician Acknowledgement of BYOV Participation',
      'Łukasz Nuñez',
      'TX-1001',
      // 03:30 UTC on the 24th is still the 23rd in Chicago.
      'November 23, 2026 (America/Chicago)',
      'BYOV-7K3QM2XD',
      '2026-11-24T03:30:00.000Z',
      '203.0.113.9',
      'Mozilla/5.0 (iPhone) Safari/605.1',
      `irs-rate, version ${policy.version}`,
      policy.sha256,
      `Page ${pdf.pageCount} of ${pdf.pageCount}`,
    ]) {
      expect(text).toContain(sentence);
    }
  });

  it.each(['Łukasz Nuñez', 'Зоя Петрова', 'Nguyễn Văn An', 'Ἀλέξανδρος Παπαδόπουλος'])(
    'renders the name %s so that it can be extracted again',
    async (fullName) => {
      const text = await pdfText((await generateSignedPolicyPdf(input({ fullName, techId: 'ZP-77' }))).bytes);
      expect(text.normalize('NFC')).toContain(fullName.normalize('NFC'));
      expect(text).toContain('ZP-77');
    },
  );

  it('prints markup typed by the technician as plain text', async () => {
    const fullName = '<script>alert("x")</script> <b>Bold</b> & Co';
    const text = await pdfText((await generateSignedPolicyPdf(input({ fullName }))).bytes);
    expect(text).toContain(fullName);
  });

  it('survives characters the font lacks, control characters and a huge user agent', async () => {
    const pdf = await generateSignedPolicyPdf(
      input({
        fullName: '王伟\n\u0000 Tab\tName 🚗',
        audit: { reference: 'BYOV-AAAAAAAA', ip: null, userAgent: `UA ${'x'.repeat(5000)}` },
      }),
    );
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Tab Name');
    expect(text).toContain('not recorded');
    expect(text.replace(/\s+/g, '')).not.toContain('x'.repeat(401));
  });

  it('embeds a 16-bit or opaque signature PNG as well', async () => {
    const wide = await sharp({ create: { width: 1800, height: 300, channels: 3, background: '#ffffff' } })
      .composite([{ input: signaturePng, left: 100, top: 100 }])
      .png()
      .toBuffer();
    const deep = await sharp(signaturePng).toColourspace('rgb16').png().toBuffer();
    for (const png of [wide, deep]) {
      const pdf = await generateSignedPolicyPdf(input({ signaturePng: png }));
      expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(pdf.pageCount);
    }
  });

  it('gives two concurrent signers each their own name and signature', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `Signer Number${i}`);
    const pdfs = await Promise.all(names.map((fullName) => generateSignedPolicyPdf(input({ fullName }))));
    const texts = await Promise.all(pdfs.map((pdf) => pdfText(pdf.bytes)));
    texts.forEach((text, i) => {
      expect(text).toContain(`Signer Number${i}`);
      for (const other of names.filter((_, j) => j !== i)) expect(text).not.toContain(other);
    });
  });
});

describe('the acknowledgement page in Spanish', () => {
  it('prints the page, the date and the footers in Spanish, with a note that the policy is the English one', async () => {
    const pdf = await generateSignedPolicyPdf(input({ language: 'es' }));
    const text = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
    for (const sentence of [
      'Technician Bring Your Own Vehicle (BYOV) Policy',
      'Reconocimiento del técnico sobre su participación en BYOV',
      `Al firmar abajo confirmo que he leído completa la política “${policy.title}” (versión ${policy.version})`,
      'El técnico leyó y firmó el texto en inglés de esta política, que aparece arriba.',
      'Nombre del empleado: Łukasz Nuñez',
      'ID de técnico: TX-1001',
      'Fecha: 23 de noviembre de 2026 (America/Chicago)',
      'Registro de la firma',
      `irs-rate, versión ${policy.version}`,
      `Página ${pdf.pageCount} de ${pdf.pageCount}`,
    ]) {
      expect(text).toContain(sentence);
    }
    for (const english of ['Technician Acknowledgement', 'Employee name', 'By signing below', 'Page 1 of']) {
      expect(text).not.toContain(english);
    }
  });

  it('leaves the note out when the technician signed a Spanish policy', async () => {
    const spanish = {
      ...policy,
      title: 'Política BYOV',
      text: '# Política\n\nTexto completo.',
      language: 'es' as const,
    };
    const text = (
      await pdfText((await generateSignedPolicyPdf(input({ policy: spanish, language: 'es' }))).bytes)
    ).replace(/\s+/g, ' ');
    expect(text).toContain('Texto completo.');
    expect(text).toContain('Reconocimiento del técnico');
    expect(text).not.toContain('El técnico leyó y firmó el texto en inglés de esta política');
  });
});

describe('formatSigningDate', () => {
  const at = new Date('2026-11-24T03:30:00.000Z');
  it.each([
    ['America/Chicago', 'November 23, 2026', 'America/Chicago'],
    ['america/chicago', 'November 23, 2026', 'America/Chicago'],
    ['Asia/Tokyo', 'November 24, 2026', 'Asia/Tokyo'],
    ['Mars/Olympus_Mons', 'November 24, 2026', 'UTC'],
    ['', 'November 24, 2026', 'UTC'],
    [null, 'November 24, 2026', 'UTC'],
    ['x'.repeat(100), 'November 24, 2026', 'UTC'],
  ])('%j → %s in %s', (zone, text, timeZone) => {
    expect(formatSigningDate(at, zone)).toEqual({ text, timeZone });
  });

  it('writes the date in Spanish for a Spanish signer', () => {
    expect(formatSigningDate(at, 'America/Chicago', 'es')).toEqual({
      text: '23 de noviembre de 2026',
      timeZone: 'America/Chicago',
    });
  });
});
