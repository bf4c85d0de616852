/**
 * Three enrollments of the earlier version with their files, laid out the way it laid them:
 * `uploads/<safe_tech_id>_<uuid>/{vehicle,insurance,registration}/<category>_<n>.<ext>` and
 * `pdfs/<safe_tech_id>_<uuid>.pdf`, paths stored relative to its working folder.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeJpeg, makePdf } from '../support/fixtures.js';

export interface LegacyFileRecord {
  docType: 'vehicle' | 'insurance' | 'registration' | 'signature';
  /** As stored in documents.file_path. */
  path: string;
  sha256: string;
  /** False: the row names it but it is not on disk. */
  present: boolean;
}

export interface LegacyRecord {
  id: number;
  techId: string;
  row: Record<string, string | number | null>;
  files: LegacyFileRecord[];
}

type FileSpec = [LegacyFileRecord['docType'], string, Buffer | Promise<Buffer>, boolean?];

/** `<safe_tech_id>_<uuid>`: the earlier `safe_tech_id` replaced `< > : " / \ | ? *` with `_`. */
function uploadFolder(techId: string): string {
  return `${techId.replace(/[<>:"/\\|?*]/g, '_').trim()}_${randomUUID()}`;
}

async function writeFiles(root: string, specs: FileSpec[]): Promise<LegacyFileRecord[]> {
  const files: LegacyFileRecord[] = [];
  for (const [docType, relative, content, present = true] of specs) {
    const bytes = await content;
    if (present) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await writeFile(path.join(root, relative), bytes);
    }
    files.push({ docType, path: relative, sha256: createHash('sha256').update(bytes).digest('hex'), present });
  }
  return files;
}

const EMPTY_LATER_COLUMNS = {
  approved: 0,
  approved_at: null,
  approved_by: null,
  dashboard_tech_id: null,
  last_upload_report: null,
};

/**
 * 1. complete and approved: four vehicle photos (one a `.png` holding JPEG bytes, as the
 *    earlier re-encoding left them), insurance PDF, registration photo and its policy PDF;
 * 2. breaking today's rules: full state name, VIN failing its check digit, year in words,
 *    expired insurance, a tech ID with a space, one photo named but gone;
 * 3. its row only: no files, no VIN, no industries.
 */
export async function writeLegacyRecords(root: string): Promise<LegacyRecord[]> {
  return [await complete(root), await ruleBreaking(root), rowOnly()];
}

async function complete(root: string): Promise<LegacyRecord> {
  const f = uploadFolder('TX1001');
  const nextYear = new Date().getUTCFullYear() + 1;
  const files = await writeFiles(root, [
    ...[1, 2, 3, 4].map(
      (n): FileSpec => ['vehicle', `uploads/${f}/vehicle/vehicle_${n}.${n === 2 ? 'png' : 'jpg'}`, makeJpeg(3000, n)],
    ),
    ['insurance', `uploads/${f}/insurance/insurance_1.pdf`, makePdf('Insurance 1')],
    ['registration', `uploads/${f}/registration/registration_1.jpg`, makeJpeg(2000, 9)],
    ['signature', `pdfs/${f}.pdf`, makePdf('Signed policy TX1001')],
  ]);
  return {
    id: 1,
    techId: 'TX1001',
    files,
    row: {
      full_name: 'Łukasz Nuñez',
      tech_id: 'TX1001',
      district: '4021',
      state: 'Illinois',
      referred_by: 'Dana',
      industries: '["HVAC", "Ref"]',
      industry: '["HVAC", "Ref"]',
      year: '2003',
      make: 'Honda',
      model: 'Accord',
      vin: '1hgcm82633a004352 ',
      insurance_exp: `${nextYear}-06-30`,
      registration_exp: `${nextYear}-03-31`,
      template_used: 'template_2.pdf',
      comment: 'Weekends',
      submission_date: '2025-12-01T08:30:00.000001',
      approved: 1,
      approved_at: '2025-12-02T10:00:00.5',
      approved_by: 'Admin',
      dashboard_tech_id: 'D-77',
      last_upload_report: '{"photo_count": 4, "failed_uploads": [], "response": "ok"}',
    },
  };
}

async function ruleBreaking(root: string): Promise<LegacyRecord> {
  const f = uploadFolder('ab 12');
  const files = await writeFiles(root, [
    ['vehicle', `uploads/${f}/vehicle/vehicle_1.jpg`, makeJpeg(2500, 21)],
    ['vehicle', `uploads/${f}/vehicle/vehicle_2.jpg`, makeJpeg(2500, 22), false],
    ['signature', `pdfs/${f}.pdf`, makePdf('Signed policy ab 12')],
  ]);
  return {
    id: 2,
    techId: 'AB 12',
    files,
    row: {
      ...EMPTY_LATER_COLUMNS,
      full_name: 'Rosa Díaz',
      tech_id: 'ab 12',
      district: '77',
      state: 'Texas',
      industries: '["Cook"]',
      industry: '["Cook", "Dish"]',
      year: 'twenty nineteen',
      make: 'Ford',
      model: 'Transit',
      vin: '1HGCM82633A004353',
      insurance_exp: '2024-01-31',
      registration_exp: `${new Date().getUTCFullYear() + 1}-01-31`,
      template_used: 'template_1.pdf',
      submission_date: '2025-11-24 17:05:09',
    },
  };
}

function rowOnly(): LegacyRecord {
  const nextYear = new Date().getUTCFullYear() + 1;
  return {
    id: 3,
    techId: 'NC300',
    files: [],
    row: {
      ...EMPTY_LATER_COLUMNS,
      full_name: 'Sam Lee',
      tech_id: 'NC300',
      district: '12',
      state: 'NC',
      year: '2019',
      make: 'Toyota',
      model: 'Tacoma',
      vin: '',
      insurance_exp: `${nextYear}-02-01`,
      registration_exp: `${nextYear}-02-01`,
      template_used: 'template_1.pdf',
      submission_date: '2025-11-25 09:00:00',
    },
  };
}
