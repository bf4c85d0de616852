/**
 * About 3 MB of files per submission, unique per submission index.
 *
 * Encoding ~3 MB of fresh JPEGs for each of hundreds of submissions would cost the client more
 * CPU than the server spends storing them, and on a 2-core machine that would distort the
 * measurement. So a few real JPEGs/PNG/PDF are made once, and each submission gets its own copy
 * with a small tag inserted where each format allows free text (JPEG comment segment, PNG tEXt
 * chunk, PDF comment). Every file stays valid for the server's checks, and every file has a
 * different SHA-256, so the content-addressed store cannot dedupe them away.
 */
import { crc32 } from 'node:zlib';
import {
  makeJpeg,
  makePdf,
  makeSignaturePng,
  type SubmissionFiles,
  validEnrollmentData,
} from '../../../test/support/fixtures.js';
import {
  type FakeTechnician,
  fakeTechnician,
  fakeVehicle,
  isoDateAfter,
  seededRandom,
} from '../../lib/fake-enrollments.js';

const PHOTO_BYTES = 600_000;
const REGISTRATION_BYTES = 300_000;
const INSURANCE_PDF_BYTES = 250_000;
export const FILES_PER_SUBMISSION = 7;

interface BaseFiles {
  photos: [Buffer, Buffer, Buffer, Buffer];
  registration: Buffer;
  insurance: Buffer;
  signature: Buffer;
}

export interface Submission {
  techId: string;
  data: Record<string, unknown>;
  files: SubmissionFiles;
}

export class SubmissionFactory {
  private constructor(
    private readonly base: BaseFiles,
    private readonly runTag: string,
  ) {}

  static async create(runTag: string): Promise<SubmissionFactory> {
    const [front, back, left, right, registration] = await Promise.all([
      makeJpeg(PHOTO_BYTES, 1),
      makeJpeg(PHOTO_BYTES, 2),
      makeJpeg(PHOTO_BYTES, 3),
      makeJpeg(PHOTO_BYTES, 4),
      makeJpeg(REGISTRATION_BYTES, 5),
    ]);
    const base: BaseFiles = {
      photos: [front, back, left, right],
      registration,
      insurance: padPdf(makePdf('Insurance declarations'), INSURANCE_PDF_BYTES),
      signature: await makeSignaturePng(),
    };
    return new SubmissionFactory(base, runTag);
  }

  /** The same index always yields the same bytes, so the baseline writes what the server got. */
  build(index: number): Submission {
    const tag = (slot: string) => `byov-bench ${this.runTag} #${index} ${slot}`;
    const [front, back, left, right] = this.base.photos;
    const files: SubmissionFiles = {
      vehicle_front: tagJpeg(front, tag('front')),
      vehicle_back: tagJpeg(back, tag('back')),
      vehicle_left: tagJpeg(left, tag('left')),
      vehicle_right: tagJpeg(right, tag('right')),
      insurance: [tagPdf(this.base.insurance, tag('insurance'))],
      registration: [tagJpeg(this.base.registration, tag('registration'))],
      signature: tagPng(this.base.signature, tag('signature')),
    };
    const technician = fakeTechnician(seededRandom(index + 1), index);
    return { techId: technician.techId, data: enrollmentData(technician, index), files };
  }

  totalBytes(index: number): number {
    return listFiles(this.build(index).files).reduce((sum, file) => sum + file.length, 0);
  }
}

/** The files of a submission in form order, for writers that do not care about fields. */
export function listFiles(files: SubmissionFiles): Buffer[] {
  return [
    files.vehicle_front,
    files.vehicle_back,
    files.vehicle_left,
    files.vehicle_right,
    ...files.insurance,
    ...files.registration,
    files.signature,
  ];
}

function enrollmentData(technician: FakeTechnician, index: number): Record<string, unknown> {
  const random = seededRandom(1_000_003 * (index + 1));
  const now = new Date();
  const vehicle = fakeVehicle(random, now.getUTCFullYear());
  return validEnrollmentData({
    fullName: technician.fullName,
    techId: technician.techId,
    district: technician.district,
    state: technician.state,
    industries: technician.industries,
    email: technician.email,
    phone: technician.phone,
    vin: vehicle.vin,
    year: vehicle.year,
    make: vehicle.make,
    model: vehicle.model,
    color: vehicle.color,
    plate: vehicle.plate,
    insuranceProvider: technician.insuranceProvider,
    insurancePolicyNumber: technician.insurancePolicyNumber,
    insuranceExpiration: isoDateAfter(now, 200),
    registrationExpiration: isoDateAfter(now, 300),
  });
}

/** A COM (comment) segment right after the JPEG start-of-image marker. */
function tagJpeg(jpeg: Buffer, text: string): Buffer {
  const payload = Buffer.from(text, 'latin1');
  const header = Buffer.from([0xff, 0xfe, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

const PNG_SIGNATURE_AND_IHDR = 8 + 4 + 4 + 13 + 4;

/** A tEXt chunk right after IHDR (where the PNG spec allows it), with its CRC. */
function tagPng(png: Buffer, text: string): Buffer {
  const typeAndData = Buffer.concat([Buffer.from('tEXt', 'latin1'), Buffer.from(`Comment\0${text}`, 'latin1')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(typeAndData.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  const head = png.subarray(0, PNG_SIGNATURE_AND_IHDR);
  return Buffer.concat([head, length, typeAndData, crc, png.subarray(PNG_SIGNATURE_AND_IHDR)]);
}

/** A comment line after the `%PDF-1.x` header line, which readers skip. */
function tagPdf(pdf: Buffer, text: string): Buffer {
  const headerEnd = pdf.indexOf(0x0a) + 1;
  return Buffer.concat([pdf.subarray(0, headerEnd), Buffer.from(`% ${text}\n`, 'latin1'), pdf.subarray(headerEnd)]);
}

/** Grows a PDF to a scanned-document size with comment lines (a real scan is mostly image data). */
function padPdf(pdf: Buffer, targetBytes: number): Buffer {
  const line = `% ${'scan-data '.repeat(7)}\n`;
  const lines = Math.max(0, Math.ceil((targetBytes - pdf.length) / line.length));
  return tagPdf(pdf, `${'-'.repeat(8)}\n${line.repeat(lines)}`.trimEnd());
}
