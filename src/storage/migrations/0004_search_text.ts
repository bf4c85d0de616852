import { type Kysely, sql } from 'kysely';
import { enrollmentSearchText } from '../../domain/enrollment/search-text.js';

interface Row {
  id: string;
  full_name: string;
  tech_id: string;
  vin: string;
}

/**
 * Adds the folded search text (see search-text.ts) and fills it for existing enrollments in
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
      await sql`update enrollments set search_text = ${enrollmentSearchText(row)} where id = ${row.id}`.execute(db);
    }
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('search_text').execute();
}
