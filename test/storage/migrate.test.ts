import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openRuntime } from '../../src/runtime.js';
import { TABLES } from '../../src/storage/database.js';
import { type Db, openDb } from '../../src/storage/db.js';
import { migrateToLatest, readSchemaState } from '../../src/storage/migrate.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations/index.js';
import { createTestDatabase, describeEachEngine, makeTempDir, type TestDatabase } from '../support/engines.js';

describeEachEngine('schema migrations', (engine) => {
  let temp: { dir: string; remove(): Promise<void> };
  let database: TestDatabase;
  let db: Db;

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase(engine);
    db = openDb(loadConfig({ DATA_DIR: temp.dir, DATABASE_URL: database.databaseUrl }).database);
  });
  afterEach(async () => {
    await db.close();
    await database.dispose();
    await temp.remove();
  });

  it('creates every table once and is idempotent', async () => {
    expect(await migrateToLatest(db.kysely)).toEqual(Object.keys(MIGRATIONS));
    expect(await migrateToLatest(db.kysely)).toEqual([]);
    expect((await readSchemaState(db.kysely)).version).toBe(SCHEMA_VERSION);
    const tables = (await db.kysely.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(expect.arrayContaining([...TABLES]));
  });

  it('refuses a database from a newer release and leaves it untouched', async () => {
    await migrateToLatest(db.kysely);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
      db.kysely,
    );
    await sql`insert into settings (key, value, updated_at) values ('marker', '1', 'x')`.execute(db.kysely);
    await expect(migrateToLatest(db.kysely)).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
    const config = loadConfig({ DATA_DIR: temp.dir, DATABASE_URL: database.databaseUrl });
    await expect(openRuntime(config, { migrate: true })).rejects.toThrow(/newer version/);
    const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.kysely);
    expect(names.rows.map((r) => r.name)).toEqual([...Object.keys(MIGRATIONS), '9999_from_the_future']);
    const marker = await db.kysely
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'marker')
      .executeTakeFirst();
    expect(marker?.value).toBe('1');
  });

  it.runIf(engine === 'sqlite')('runs SQLite in WAL mode with full sync and foreign keys on', async () => {
    await migrateToLatest(db.kysely);
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(db.kysely)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
  });
});
