/**
 * A million enrollments in about a minute per engine: 10,000 are generated in JavaScript
 * (seed.ts) and then copied inside the database, one INSERT … SELECT per copy, with the
 * columns that must stay unique (id, reference, tech ID) suffixed, the VIN's last three digits
 * and the creation time's milliseconds varied, and `search_text` rebuilt to match. Plain SQL
 * that both engines run; no row crosses the client connection after the first 10,000.
 */
import { sql } from 'kysely';
import type { NewEnrollmentRow } from '../../../src/storage/database.js';
import type { Db } from '../../../src/storage/db.js';
import { type SeedSample, seedTemplateEnrollments } from './seed.js';

const TEMPLATE_ROWS = 10_000;
const TEMPLATE_TABLE = 'bench_enrollment_templates';
/** ' | ' twice and the 17-character VIN: what follows the name in a template's search_text. */
const SEARCH_TEXT_TAIL = 3 + 3 + 17;

export async function seedEnrollments(
  db: Db,
  count: number,
  now: Date,
  onProgress: (written: number) => void = () => {},
): Promise<SeedSample> {
  const templates = Math.min(count, TEMPLATE_ROWS);
  if (count % templates !== 0) throw new Error(`seed a multiple of ${templates} enrollments, not ${count}`);
  const copies = count / templates - 1;
  if (copies > 999) throw new Error('at most 1,000 copies of the templates (three-digit suffixes)');
  const seeded = await seedTemplateEnrollments(db, templates, now);
  onProgress(templates);
  const columns = Object.keys(seeded.rows[0] ?? {}).filter((c) => c !== 'search_text');
  await sql`create table ${sql.table(TEMPLATE_TABLE)} as select * from enrollments`.execute(db.kysely);
  try {
    for (let copy = 1; copy <= copies; copy++) {
      await copyTemplates(db, columns, copy);
      onProgress(templates * (copy + 1));
    }
  } finally {
    await sql`drop table ${sql.table(TEMPLATE_TABLE)}`.execute(db.kysely);
  }
  // Spread the sample over the copies, so the queries ask for rows from the whole table.
  return { rows: seeded.rows.map((row, n) => copyOf(row, n % (copies + 1))) };
}

/** What a column holds in copy `copy` of the template row: the SQL of the INSERT … SELECT. */
function copiedColumn(column: string, copy: number) {
  const suffix = String(copy);
  const three = String(copy).padStart(3, '0');
  const ref = sql.ref(column);
  switch (column) {
    case 'id':
    case 'reference':
    case 'supersedes_id':
      return sql`${ref} || ${`-${suffix}`}`;
    case 'tech_id':
      return sql`${ref} || ${`.${suffix}`}`;
    case 'vin':
      return sql`substr(vin, 1, 14) || ${three}`;
    case 'created_at':
    case 'updated_at':
      return sql`substr(${ref}, 1, 20) || ${`${three}Z`}`;
    default:
      return ref;
  }
}

async function copyTemplates(db: Db, columns: readonly string[], copy: number): Promise<void> {
  const three = String(copy).padStart(3, '0');
  const values = columns.map((column) => copiedColumn(column, copy));
  // Folded name (everything before the tech ID) + the copy's tech ID and VIN, folded: both are
  // ASCII, where lower() is the folding.
  const searchText = sql`substr(search_text, 1, length(search_text) - length(tech_id) - ${SEARCH_TEXT_TAIL})
    || ' | ' || lower(tech_id || ${`.${copy}`}) || ' | ' || lower(substr(vin, 1, 14) || ${three})`;
  await sql`insert into enrollments (${sql.join(columns.map((c) => sql.ref(c)))}, search_text)
    select ${sql.join(values)}, ${searchText} from ${sql.table(TEMPLATE_TABLE)}`.execute(db.kysely);
}

/** The sample row as copy `copy` holds it (copy 0 is the template itself). */
function copyOf(row: NewEnrollmentRow, copy: number): NewEnrollmentRow {
  if (copy === 0) return row;
  const three = String(copy).padStart(3, '0');
  return {
    ...row,
    id: `${row.id}-${copy}`,
    reference: `${row.reference}-${copy}`,
    tech_id: `${row.tech_id}.${copy}`,
    vin: `${row.vin.slice(0, 14)}${three}`,
  };
}
