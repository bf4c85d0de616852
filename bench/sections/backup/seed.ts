/**
 * A data folder the size of a busy installation, built fast: enrollments, checklists and audit
 * events with sizeable JSON details written straight into the product's schema with prepared
 * statements in big transactions, and uploaded files written into the content-addressed store
 * (`files/<2 hex>/<sha256>`) with a `documents` row naming each, so backups must carry them.
 *
 * Set-up only: nothing here is timed against anything, so it skips the product's per-file fsync
 * and syncs once at the end (`syncDisk`) so the measured work does not pay for its write-back.
 */
import { createHash, randomFill } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { enrollmentSearchText } from '../../../src/domain/enrollment/search-text.js';
import type { DocumentCategory } from '../../../src/storage/database.js';
import { newId, newReference } from '../../../src/storage/ids.js';
import {
  fakeTechnician,
  fakeVehicle,
  intBetween,
  isoDateAfter,
  pick,
  type Random,
  seededRandom,
} from '../../lib/fake-enrollments.js';

const MB = 1024 * 1024;
const DAY_MS = 86_400_000;
const ENROLLMENTS_PER_TRANSACTION = 500;
/** Each enrollment gathers this many audit events over its life (submitted, reviewed, checklist, …). */
const AUDIT_EVENTS_PER_ENROLLMENT = 8;
const CHECKLIST = [
  'approved_synced',
  'policy_hr',
  'mileage_form',
  'supplies_magnets',
  'fleet_inventory',
  'survey_30day',
];
const UPLOAD_CATEGORIES: DocumentCategory[] = [
  'vehicle_front',
  'vehicle_back',
  'vehicle_left',
  'vehicle_right',
  'insurance',
  'registration',
  'signature',
];
const ACTIONS = [
  'enrollment.submitted',
  'enrollment.viewed',
  'enrollment.approved',
  'enrollment.changes_requested',
  'enrollment.updated',
  'checklist.completed',
  'document.downloaded',
  'enrollment.exported',
];
const USER_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S911U) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0',
];
const NOTE_WORDS = (
  'vehicle photos match the registration insurance card expires soon please upload the renewed ' +
  'declarations page mileage form signed technician confirmed commute policy reviewed by field manager ' +
  'magnets issued fleet inventory updated plate differs from the photo requested a clearer picture'
).split(' ');

export interface DatabaseFill {
  enrollments: number;
  auditEvents: number;
  checklistTasks: number;
  bytes: number;
  seconds: number;
  /** Enrollment ids in insertion order, for documents to point at. */
  enrollmentIds: string[];
}

/**
 * Fills the (migrated, closed) SQLite database at `file` until it holds about `targetBytes`.
 * Durability is switched off for the fill only (synchronous=OFF, a large cache); the WAL is
 * checkpointed and truncated at the end so the main file holds everything.
 */
export function fillDatabase(file: string, targetBytes: number, log: (message: string) => void): DatabaseFill {
  const started = Date.now();
  const db = new Database(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('wal_autocheckpoint = 10000');
  const statements = prepareInserts(db);
  const random = seededRandom(20_261_124);
  const references = new Set<string>();
  const now = Date.now();
  const fill: DatabaseFill = {
    enrollments: 0,
    auditEvents: 0,
    checklistTasks: 0,
    bytes: 0,
    seconds: 0,
    enrollmentIds: [],
  };
  const batch = db.transaction((count: number) => {
    for (let n = 0; n < count; n++) insertEnrollment(statements, random, fill, references, now);
  });
  let lastLogged = 0;
  while (fill.bytes < targetBytes) {
    batch(ENROLLMENTS_PER_TRANSACTION);
    fill.bytes = databaseBytes(db);
    if (fill.bytes - lastLogged >= 256 * MB) {
      lastLogged = fill.bytes;
      log(`backup: database at ${Math.round(fill.bytes / MB)} MB of ${Math.round(targetBytes / MB)} MB`);
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fill.seconds = (Date.now() - started) / 1000;
  return fill;
}

function databaseBytes(db: Database.Database): number {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const size = db.pragma('page_size', { simple: true }) as number;
  return pages * size;
}

function prepareInserts(db: Database.Database) {
  return {
    enrollment: db.prepare(
      `insert into enrollments (id, search_text, reference, tech_id, revision, supersedes_id, status, full_name,
        district, state, referred_by, industries, email, phone, vin, year, make, model, color, plate,
        insurance_provider, insurance_policy_number, insurance_expiration, registration_expiration, comment,
        policy_acknowledged, created_at, updated_at, policy_template_id, policy_version, policy_sha256,
        reviewed_at, reviewed_by, review_note)
       values (@id, @search_text, @reference, @tech_id, 1, null, @status, @full_name, @district, @state, null,
        @industries, @email, @phone, @vin, @year, @make, @model, @color, @plate, @insurance_provider,
        @insurance_policy_number, @insurance_expiration, @registration_expiration, @comment, 1, @created_at,
        @updated_at, 'byov-default', '2025-01', @policy_sha256, @reviewed_at, @reviewed_by, @review_note)`,
    ),
    checklist: db.prepare(
      `insert into checklist_tasks (id, enrollment_id, task_key, label, position, completed_at, completed_by)
       values (?, ?, ?, ?, ?, ?, ?)`,
    ),
    audit: db.prepare(
      `insert into audit_events (id, enrollment_id, actor, actor_id, action, occurred_at, ip, user_agent, details)
       values (?, ?, ?, null, ?, ?, ?, ?, ?)`,
    ),
  };
}

type Inserts = ReturnType<typeof prepareInserts>;

function insertEnrollment(
  statements: Inserts,
  random: Random,
  fill: DatabaseFill,
  references: Set<string>,
  now: number,
): void {
  const index = fill.enrollments + 1;
  const technician = fakeTechnician(random, index);
  const vehicle = fakeVehicle(random, new Date(now).getUTCFullYear());
  const createdMs = now - random() * 3 * 365 * DAY_MS;
  const created = new Date(createdMs).toISOString();
  const id = newId(createdMs);
  let reference = newReference();
  while (references.has(reference)) reference = newReference();
  references.add(reference);
  const reviewed = random() < 0.8;
  const row = {
    id,
    reference,
    tech_id: technician.techId,
    status: reviewed ? pick(random, ['approved', 'approved', 'approved', 'rejected', 'changes_requested']) : 'pending',
    full_name: technician.fullName,
    district: technician.district,
    state: technician.state,
    industries: JSON.stringify(technician.industries),
    email: technician.email,
    phone: technician.phone,
    ...vehicle,
    insurance_provider: technician.insuranceProvider,
    insurance_policy_number: technician.insurancePolicyNumber,
    insurance_expiration: isoDateAfter(new Date(now), intBetween(random, -60, 365)),
    registration_expiration: isoDateAfter(new Date(now), intBetween(random, -30, 730)),
    comment: random() < 0.3 ? words(random, 8, 30) : null,
    created_at: created,
    updated_at: created,
    policy_sha256: createHash('sha256').update(reference).digest('hex'),
    reviewed_at: reviewed ? new Date(createdMs + DAY_MS).toISOString() : null,
    reviewed_by: reviewed ? 'reviewer@example.com' : null,
    review_note: reviewed && random() < 0.3 ? words(random, 5, 20) : null,
  };
  statements.enrollment.run({ ...row, search_text: enrollmentSearchText(row) });
  fill.enrollments++;
  fill.enrollmentIds.push(id);
  CHECKLIST.forEach((task, position) => {
    const done = random() < 0.6;
    statements.checklist.run(
      newId(createdMs),
      id,
      task,
      task.replace(/_/g, ' '),
      position,
      done ? created : null,
      done ? 'reviewer@example.com' : null,
    );
    fill.checklistTasks++;
  });
  for (let n = 0; n < AUDIT_EVENTS_PER_ENROLLMENT; n++) {
    const at = new Date(createdMs + n * 3_600_000).toISOString();
    const action = ACTIONS[n % ACTIONS.length] as string;
    const userAgent = pick(random, USER_AGENTS);
    const ip = `203.0.113.${intBetween(random, 1, 254)}`;
    statements.audit.run(
      newId(createdMs + n),
      id,
      n === 0 ? 'technician' : 'reviewer@example.com',
      action,
      at,
      ip,
      userAgent,
      auditDetails(random, action, row, userAgent),
    );
    fill.auditEvents++;
  }
}

/**
 * What the product records with an event: the fields involved (before/after for a change), the
 * request it came from and a note: 1–4 KB of JSON, the bulk of a long-lived database.
 */
function auditDetails(random: Random, action: string, row: Record<string, unknown>, userAgent: string): string {
  const fields = ['full_name', 'email', 'phone', 'vin', 'make', 'model', 'color', 'plate', 'insurance_provider'];
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) if (random() < 0.5) changes[field] = { from: row[field], to: row[field] };
  return JSON.stringify({
    action,
    reference: row.reference,
    snapshot: row,
    changes,
    request: { userAgent, acceptLanguage: 'en-US,en;q=0.9', referer: '/admin/enrollments', durationMs: random() * 80 },
    note: words(random, 40, 400),
  });
}

function words(random: Random, min: number, max: number): string {
  const count = intBetween(random, min, max);
  const out: string[] = [];
  for (let n = 0; n < count; n++) out.push(pick(random, NOTE_WORDS));
  return out.join(' ');
}

export interface FileSet {
  files: number;
  bytes: number;
  /** Where each file was written. */
  paths: string[];
}

const MIN_FILE_BYTES = Math.round(0.2 * MB);
const MAX_FILE_BYTES = 4 * MB;
const randomFillAsync = promisify(randomFill);

/**
 * Writes random files of 0.2–4 MB (JPEG magic first, so they look like the photos they stand
 * for) into `dataDir/files/<2 hex>/<sha256>` until `bytes` are written, and a `documents` row for
 * each, seven to an enrollment starting at `firstDocument`. Random bytes: nothing dedupes.
 */
export async function addFiles(
  dataDir: string,
  dbFile: string,
  options: { bytes: number; enrollmentIds: readonly string[]; firstDocument: number; seed: number },
): Promise<FileSet> {
  const random = seededRandom(options.seed);
  const rows: { id: string; enrollment: string; category: DocumentCategory; key: string; size: number }[] = [];
  let written = 0;
  const buffer = Buffer.alloc(MAX_FILE_BYTES);
  while (written < options.bytes) {
    const size = Math.min(intBetween(random, MIN_FILE_BYTES, MAX_FILE_BYTES), Math.max(options.bytes - written, 1024));
    const bytes = buffer.subarray(0, size);
    await randomFillAsync(bytes);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    const key = createHash('sha256').update(bytes).digest('hex');
    const target = path.join(dataDir, 'files', key.slice(0, 2), key);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
    const document = options.firstDocument + rows.length;
    const enrollment =
      options.enrollmentIds[Math.floor(document / UPLOAD_CATEGORIES.length) % options.enrollmentIds.length];
    if (enrollment === undefined) throw new Error('the database has no enrollments to attach files to');
    rows.push({
      id: newId(),
      enrollment,
      category: UPLOAD_CATEGORIES[document % UPLOAD_CATEGORIES.length] as DocumentCategory,
      key,
      size,
    });
    written += size;
  }
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const insert = db.prepare(
      `insert into documents (id, enrollment_id, category, position, storage_key, sha256, size_bytes, content_type,
        original_name, created_at) values (?, ?, ?, 0, ?, ?, ?, 'image/jpeg', ?, ?)`,
    );
    const created = new Date().toISOString();
    db.transaction(() => {
      for (const r of rows)
        insert.run(r.id, r.enrollment, r.category, r.key, r.key, r.size, `${r.category}.jpg`, created);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return {
    files: rows.length,
    bytes: written,
    paths: rows.map((r) => path.join(dataDir, 'files', r.key.slice(0, 2), r.key)),
  };
}
