import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { EnrollmentInput } from '../../src/shared/enrollment.schema.js';

/** A real, decodable JPEG of roughly `approxBytes` (random pixels compress poorly, so size tracks area). */
export async function makeJpeg(approxBytes = 20_000, seed = 0): Promise<Buffer> {
  const side = Math.max(16, Math.round(Math.sqrt(approxBytes / 0.84)));
  const pixels = randomBytes(side * side * 3);
  pixels[0] = seed & 0xff;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A signature as the wizard sends it: dark strokes on a transparent canvas. */
export async function makeSignaturePng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">
    <path d="M10 80 C 60 10, 90 10, 140 70 S 220 90, 290 20" stroke="black" stroke-width="4" fill="none"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function makeBlankPng(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .png()
    .toBuffer();
}

/** A minimal one-page PDF; `%PDF-` magic is what the server checks. */
export function makePdf(text = 'Insurance card'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n` +
      `4 0 obj<</Length ${text.length + 20}>>stream\nBT /F1 12 Tf 10 100 Td (${text}) Tj ET\nendstream endobj\n` +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** Valid enrollment data; 1HGCM82633A004352 is a real 2003 Honda Accord VIN. */
export function validEnrollmentData(overrides: Partial<EnrollmentInput> = {}): Record<string, unknown> {
  const nextYear = new Date().getUTCFullYear() + 1;
  return {
    fullName: 'Łukasz Nuñez',
    techId: 'tx-1001',
    district: '4021',
    state: 'Illinois',
    referredBy: '',
    industries: ['HVAC', 'Ref'],
    email: 'Lukasz.Nunez@example.com',
    phone: '+1 (312) 555-0100',
    vin: ' 1hgcm82633a004352 ',
    year: 2003,
    make: 'Honda',
    model: 'Accord',
    color: 'Silver',
    plate: 'BYV 123',
    insuranceProvider: 'Acme Mutual',
    insurancePolicyNumber: 'PN-778812',
    insuranceExpiration: `${nextYear}-06-30`,
    registrationExpiration: `${nextYear}-03-31`,
    comment: 'Available for weekend calls.',
    policyAcknowledged: true,
    ...overrides,
  };
}

export interface SubmissionFiles {
  vehicle_front: Buffer;
  vehicle_back: Buffer;
  vehicle_left: Buffer;
  vehicle_right: Buffer;
  insurance: Buffer[];
  registration: Buffer[];
  signature: Buffer;
}

/** One set of files for a complete submission; `photoBytes` sets each photo's approximate size. */
export async function makeSubmissionFiles(photoBytes = 20_000, seed = 0): Promise<SubmissionFiles> {
  const [front, back, left, right, insurancePhoto] = await Promise.all(
    [1, 2, 3, 4, 5].map((n) => makeJpeg(photoBytes, seed * 10 + n)),
  );
  return {
    vehicle_front: front as Buffer,
    vehicle_back: back as Buffer,
    vehicle_left: left as Buffer,
    vehicle_right: right as Buffer,
    insurance: [insurancePhoto as Buffer, makePdf(`Policy ${seed}`)],
    registration: [makePdf(`Registration ${seed}`)],
    signature: await makeSignaturePng(),
  };
}

/** Builds the multipart body the wizard sends (works with fetch and with Fastify's inject). */
export function buildSubmissionForm(
  data: unknown,
  files: Partial<SubmissionFiles>,
  extra: [string, Blob, string][] = [],
) {
  const form = new FormData();
  form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  for (const [field, value] of Object.entries(files)) {
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((buffer, index) => {
      form.append(field, new Blob([buffer as Buffer]), `${field}-${index}.bin`);
    });
  }
  for (const [field, blob, name] of extra) form.append(field, blob, name);
  return form;
}
