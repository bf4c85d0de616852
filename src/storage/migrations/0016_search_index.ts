import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { AppError } from '../../errors.js';

/**
 * A text index under admin search, so a name, tech-ID or VIN fragment is found without reading
 * every enrollment. Both engines index the folded `search_text` column (0004) by trigrams, which
 * serve "contains" searches of 3 characters or more:
 *
 * - PostgreSQL: a GIN index with `pg_trgm`, which the existing `search_text LIKE '%…%'` query
 *   uses as it is. Creating the extension needs the CREATE privilege on the database (pg_trgm
 *   is a trusted extension since PostgreSQL 13) or a superuser; when it cannot be created the
 *   migration stops with a message saying what to run, rather than leaving search to scan.
 * - SQLite: an FTS5 table with the trigram tokenizer, kept in step with `enrollments` by
 *   triggers, so every writer (submissions, imports, restores, purges) updates it in the same
 *   transaction without knowing it exists. FTS5 rows are numbered; the numbers live in
 *   `enrollment_search_keys`, whose INTEGER PRIMARY KEY keeps them stable through VACUUM
 *   (the implicit rowid of `enrollments` is not guaranteed to survive one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else await upSqlite(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  const installed = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (installed.rows.length === 0) {
    const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if (available.rows.length === 0) {
      throw new AppError(
        'INTERNAL',
        'Admin search needs the PostgreSQL extension pg_trgm, which this server does not have: ' +
          'install the PostgreSQL contrib package, then start again.',
      );
    }
    const allowed = await sql<{
      ok: boolean;
    }>`select has_database_privilege(current_database(), 'CREATE') as ok`.execute(db);
    if (allowed.rows[0]?.ok !== true) {
      throw new AppError(
        'INTERNAL',
        'Admin search needs the PostgreSQL extension pg_trgm and this account may not create it: ' +
          'have the database owner run "CREATE EXTENSION pg_trgm;" in this database, then start again.',
      );
    }
    await sql`create extension if not exists pg_trgm`.execute(db);
  }
  await sql`create index enrollments_search_trgm_idx on enrollments using gin (search_text gin_trgm_ops)`.execute(db);
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`create table enrollment_search_keys (
    rowid integer primary key,
    enrollment_id text not null unique
  )`.execute(db);
  // Contentless: the text is already in enrollments.search_text; only the index is kept.
  await sql`create virtual table enrollment_search using fts5(
    search_text, content = '', contentless_delete = 1, tokenize = 'trigram'
  )`.execute(db);
  await sql`insert into enrollment_search_keys (enrollment_id) select id from enrollments order by id`.execute(db);
  await sql`insert into enrollment_search (rowid, search_text)
    select k.rowid, e.search_text from enrollment_search_keys k join enrollments e on e.id = k.enrollment_id`.execute(
    db,
  );
  await sql`create trigger enrollments_search_insert after insert on enrollments begin
    insert into enrollment_search_keys (enrollment_id) values (new.id);
    insert into enrollment_search (rowid, search_text)
      values ((select rowid from enrollment_search_keys where enrollment_id = new.id), new.search_text);
  end`.execute(db);
  await sql`create trigger enrollments_search_update after update of search_text on enrollments begin
    update enrollment_search set search_text = new.search_text
      where rowid = (select rowid from enrollment_search_keys where enrollment_id = new.id);
  end`.execute(db);
  await sql`create trigger enrollments_search_delete after delete on enrollments begin
    delete from enrollment_search
      where rowid = (select rowid from enrollment_search_keys where enrollment_id = old.id);
    delete from enrollment_search_keys where enrollment_id = old.id;
  end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists enrollments_search_trgm_idx`.execute(db);
    return;
  }
  for (const trigger of ['enrollments_search_insert', 'enrollments_search_update', 'enrollments_search_delete']) {
    await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
  await sql`drop table if exists enrollment_search`.execute(db);
  await sql`drop table if exists enrollment_search_keys`.execute(db);
}
