import { afterEach, beforeEach, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations/index.js';
import { createTestDatabase, describeEachEngine, makeTempDir, type TestDatabase } from '../support/engines.js';
import { runCli } from '../support/server-process.js';

describeEachEngine('byov migrate and status', (engine) => {
  let temp: { dir: string; remove(): Promise<void> };
  let database: TestDatabase;
  let env: Record<string, string | undefined>;

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase(engine);
    env = { DATA_DIR: temp.dir, DATABASE_URL: database.databaseUrl };
  });
  afterEach(async () => {
    await database.dispose();
    await temp.remove();
  });

  it('migrates, then reports engine, schema, enrollments and files as JSON', async () => {
    const migrated = await runCli(['migrate', '--json'], env);
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toEqual({ applied: Object.keys(MIGRATIONS), schemaVersion: SCHEMA_VERSION });
    const status = await runCli(['status', '--json'], env);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout);
    expect(parsed).toMatchObject({
      database: engine,
      schemaVersion: SCHEMA_VERSION,
      enrollments: { total: 0 },
      files: { count: 0 },
    });
    if (engine === 'sqlite') expect(parsed.databaseBytes).toBeGreaterThan(0);
  });
});

it('uses exit code 2 for bad usage and invalid configuration, 0 for --help', async () => {
  const temp = await makeTempDir();
  try {
    expect((await runCli(['no-such-command'], { DATA_DIR: temp.dir })).code).toBe(2);
    expect((await runCli(['status', '--bogus'], { DATA_DIR: temp.dir })).code).toBe(2);
    const badConfig = await runCli(['status'], { DATA_DIR: temp.dir, PORT: 'eighty' });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('PORT');
    for (const command of ['serve', 'migrate', 'status']) {
      const help = await runCli([command, '--help'], { DATA_DIR: temp.dir });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: byov ${command}`);
    }
  } finally {
    await temp.remove();
  }
});
