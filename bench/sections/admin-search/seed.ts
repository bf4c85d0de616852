import { enrollmentSearchText } from '../../../src/domain/enrollment/search-text.js';
/**
 * Enrollments (a million in the full run) written straight into a fresh database: the admin list is what is being
 * measured, and going through the API would take longer than the whole bench budget.
 * Documents, checklists and audit rows are left out because the list query never reads them.
 */
import type { EnrollmentStatus, NewEnrollmentRow } from '../../../src/storage/database.js';
import type { Db } from '../../../src/storage/db.js';
import { newId, newReference } from '../../../src/storage/ids.js';
import {
  fakeTechnician,
  fakeVehicle,
  intBetween,
  isoDateAfter,
  type Random,
  seededRandom,
} from '../../lib/fake-enrollments.js';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 3 * 365;
/** One technician in ten has resubmitted, so their first revision is superseded. */
const RESUBMIT_SHARE = 0.1;
// 27 columns × 500 rows stays well below both engines' bound-parameter limits (SQLite 32,766,
// PostgreSQL 65,535); a few thousand rows per transaction keep SQLite's synced commits few.
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 5_000;

/** The status a technician's current revision has: most are approved, some await review. */
function currentStatus(random: Random): EnrollmentStatus {
  const roll = random();
  if (roll < 0.6) return 'approved';
  if (roll < 0.8) return 'pending';
  if (roll < 0.88) return 'changes_requested';
  return 'rejected';
}

function revisionRow(options: {
  random: Random;
  technicianIndex: number;
  createdMs: number;
  now: Date;
  revision: number;
  status: EnrollmentStatus;
  supersedes: string | null;
}): NewEnrollmentRow {
  const { random, now } = options;
  const technician = fakeTechnician(seededRandom(options.technicianIndex + 1), options.technicianIndex);
  const vehicle = fakeVehicle(random, now.getUTCFullYear());
  const created = new Date(options.createdMs).toISOString();
  return {
    id: newId(options.createdMs),
    reference: '',
    tech_id: technician.techId,
    revision: options.revision,
    supersedes_id: options.supersedes,
    status: options.status,
    full_name: technician.fullName,
    district: technician.district,
    state: technician.state,
    referred_by: random() < 0.2 ? 'Field manager' : null,
    industries: JSON.stringify(technician.industries),
    email: technician.email,
    phone: technician.phone,
    ...vehicle,
    insurance_provider: technician.insuranceProvider,
    insurance_policy_number: technician.insurancePolicyNumber,
    // Spread so that "expiring within 30 days" matches a realistic minority, expired ones included.
    insurance_expiration: isoDateAfter(now, intBetween(random, -60, 365)),
    registration_expiration: isoDateAfter(now, intBetween(random, -30, 730)),
    comment: random() < 0.3 ? 'Available for weekend calls.' : null,
    policy_acknowledged: 1,
    created_at: created,
    updated_at: created,
  };
}

/** What the query mix and the baseline need from the seeded rows, without keeping them all. */
export interface SeedSample {
  rows: NewEnrollmentRow[];
}

const SAMPLE_SIZE = 256;

/**
 * Generates `count` enrollments in creation order and writes them as they are made, a
 * transaction of multi-row INSERTs at a time (replicate.ts multiplies them to a million).
 * Creation times rise through the history (a resubmission lands a few days after its first
 * revision), as a real table would have received them. Returns an evenly spread sample.
 */
export async function seedTemplateEnrollments(
  db: Db,
  count: number,
  now: Date,
  onProgress: (written: number) => void = () => {},
  seed = 42,
): Promise<SeedSample> {
  const random = seededRandom(seed);
  const references = new Set<string>();
  const sampleEvery = Math.max(1, Math.floor(count / SAMPLE_SIZE));
  const sample: NewEnrollmentRow[] = [];
  const historyStart = now.getTime() - HISTORY_DAYS * DAY_MS;
  let written = 0;
  let technicianIndex = 1;
  while (written < count) {
    const batch: NewEnrollmentRow[] = [];
    while (batch.length < ROWS_PER_TRANSACTION && written + batch.length < count) {
      const position = (written + batch.length) / count;
      const createdMs = historyStart + position * HISTORY_DAYS * DAY_MS + random() * 60_000;
      const base = { random, technicianIndex: technicianIndex++, now, createdMs };
      if (random() < RESUBMIT_SHARE && written + batch.length + 2 <= count) {
        const first = revisionRow({ ...base, revision: 1, status: 'superseded', supersedes: null });
        const laterMs = Math.min(now.getTime(), createdMs + intBetween(random, 1, 60) * DAY_MS);
        batch.push(
          first,
          revisionRow({ ...base, createdMs: laterMs, revision: 2, status: 'pending', supersedes: first.id }),
        );
      } else {
        batch.push(revisionRow({ ...base, revision: 1, status: currentStatus(random), supersedes: null }));
      }
    }
    for (const row of batch) {
      row.reference = uniqueReference(references);
      if (written % sampleEvery === 0 && sample.length < SAMPLE_SIZE) sample.push(row);
      written++;
    }
    await insertBatch(db, batch);
    onProgress(written);
  }
  return { rows: sample };
}

/** References are random; at a million rows collisions happen and would break the unique index. */
function uniqueReference(used: Set<string>): string {
  let reference = newReference();
  while (used.has(reference)) reference = newReference();
  used.add(reference);
  return reference;
}

async function insertBatch(db: Db, batch: readonly NewEnrollmentRow[]): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    for (let offset = 0; offset < batch.length; offset += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('enrollments')
        .values(
          batch
            .slice(offset, offset + ROWS_PER_STATEMENT)
            .map((row) => ({ ...row, search_text: enrollmentSearchText(row) })),
        )
        .execute();
    }
  });
}
