import { type Kysely, sql } from 'kysely';

interface Row {
  id: string;
  full_name: string;
  tech_id: string;
  vin: string;
}

/**
 * Adds the folded search text and fills it for existing enrollments in
 * batches, so admin search finds "Łukasz" when typed "lukasz" on SQLite as on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('enrollments')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (let after = ''; ; ) {
    const rows = (
      await sql<Row>`select id, full_name, tech_id, vin from enrollments where id > ${after} order by id limit 1000`.execute(
        db,
      )
    ).rows;
    if (rows.length === 0) break;
    for (const row of rows) {
      await sql`update enrollments set search_text = ${searchText(row)} where id = ${row.id}`.execute(db);
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
}

/*
 * The folding as it stood when this migration was written. Migrations are frozen: a later change
 * to the live search folding (domain/enrollment/search-text.ts) must not change what this one
 * wrote, so it keeps its own copy.
 */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđøßæœı]/g, (c) => LETTERS_WITHOUT_DECOMPOSITION[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

function searchText(row: Row): string {
  return [row.full_name, row.tech_id, row.vin].map(fold).join(' | ');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('search_text').execute();
}
