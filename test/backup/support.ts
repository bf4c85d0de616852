/**
 * Shared fixtures for the backup tests: a data folder on either engine, enrollments seeded
 * through the real submit use case, the `byov` CLI as a child process, and ways to compare
 * database states.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { presentTables } from '../../src/backup/snapshot-contents.js';
import { primaryKeyOf } from '../../src/backup/snapshot-rows.js';
import { type Config, loadConfig } from '../../src/config.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import type { Database, DocumentCategory, NewEnrollmentRow, TableName } from '../../src/storage/database.js';
import { newId } from '../../src/storage/ids.js';
import { insertDraft, insertDraftFile } from '../../src/storage/repositories/draft.repository.js';
import { createTestDatabase, type EngineName, makeTempDir, type TestDatabase } from '../support/engines.js';
import { schemaOneEnrollmentRow } from '../support/enrollment-row.js';
import { spawnCli } from '../support/server-process.js';

export interface Fixture {
  dir: string;
  config: Config;
  env: Record<string, string>;
  database: TestDatabase;
  open(): Promise<Runtime>;
  dispose(): Promise<void>;
}

/** A fresh data folder (and, for PostgreSQL, a fresh database), migrated; `extraEnv` adds settings (an S3 file store). */
export async function createFixture(engine: EngineName, extraEnv: Record<string, string> = {}): Promise<Fixture> {
  const temp = await makeTempDir('byov-backup-');
  const database = await createTestDatabase(engine);
  // An empty DATABASE_URL means SQLite and keeps a developer's .env from choosing otherwise.
  const env: Record<string, string> = { DATA_DIR: temp.dir, DATABASE_URL: database.databaseUrl ?? '', ...extraEnv };
  const config = loadConfig(env);
  const runtime = await openRuntime(config, { migrate: true });
  await runtime.close();
  return {
    dir: temp.dir,
    config,
    env,
    database,
    open: () => openRuntime(config, { migrate: true }),
    dispose: async () => {
      await database.dispose();
      await temp.remove();
    },
  };
}

export async function withRuntime<T>(fixture: Fixture, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await fixture.open();
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * Stores `count` enrollments the way a submission does (files committed first, then the rows in
 * one transaction). Rows are written directly, with the columns of schema version 1 only, so the
 * seed neither depends on the submission's own rules nor fails on a database at that version.
 * Each enrollment has one file per upload slot, `fileBytes` of random bytes.
 */
export async function seedEnrollments(runtime: Runtime, count: number, fileBytes = 2048): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const keys: string[] = [];
    for (const _ of SLOTS) {
      const staged = await runtime.files.stage(Readable.from(randomBytes(fileBytes)), { maxBytes: fileBytes });
      keys.push(await runtime.files.commit(staged));
    }
    const id = newId();
    const now = runtime.now().toISOString();
    await runtime.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('enrollments').values(enrollmentRow(id, now)).execute();
      await trx
        .insertInto('documents')
        .values(keys.map((key, n) => documentRow(id, SLOTS[n] as DocumentCategory, key, fileBytes, now)))
        .execute();
      await trx
        .insertInto('checklist_tasks')
        .values(
          CHECKLIST.map((task_key, position) => ({
            id: newId(),
            enrollment_id: id,
            task_key,
            label: task_key,
            position,
          })),
        )
        .execute();
      await trx
        .insertInto('audit_events')
        .values({
          id: newId(),
          enrollment_id: id,
          actor: 'technician',
          action: 'enrollment.submitted',
          occurred_at: now,
          details: '{}',
        })
        .execute();
    });
    ids.push(id);
  }
  return ids;
}

const SLOTS: DocumentCategory[] = [
  'vehicle_front',
  'vehicle_back',
  'vehicle_left',
  'vehicle_right',
  'insurance',
  'registration',
  'signature',
];
const CHECKLIST = [
  'approved_synced',
  'policy_hr',
  'mileage_form',
  'supplies_magnets',
  'fleet_inventory',
  'survey_30day',
];

function documentRow(enrollmentId: string, category: DocumentCategory, key: string, bytes: number, now: string) {
  return {
    id: newId(),
    enrollment_id: enrollmentId,
    category,
    position: 0,
    storage_key: key,
    sha256: key,
    size_bytes: bytes,
    content_type: 'image/png',
    original_name: null,
    created_at: now,
  };
}

/** An unfinished draft with one uploaded file: drafts and their files are backed up too. */
export async function seedDraft(runtime: Runtime): Promise<string> {
  const staged = await runtime.files.stage(Readable.from(randomBytes(1500)), { maxBytes: 1500 });
  const key = await runtime.files.commit(staged);
  const id = newId();
  const now = runtime.now().toISOString();
  await runtime.db.kysely.transaction().execute(async (trx) => {
    await insertDraft(trx, {
      id,
      codeHash: randomBytes(32).toString('hex'),
      step: 1,
      data: '{"techId":"T-1"}',
      createdAt: now,
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    await insertDraftFile(trx, {
      id: newId(),
      draft_id: id,
      field: 'vehicle_front',
      position: 0,
      storage_key: key,
      sha256: key,
      size_bytes: 1500,
      content_type: 'image/png',
      original_name: null,
      created_at: now,
    });
  });
  return id;
}

function enrollmentRow(id: string, now: string): NewEnrollmentRow {
  return schemaOneEnrollmentRow({
    id,
    tech_id: `T-${randomBytes(4).toString('hex')}`,
    insurance_expiration: '2099-01-01',
    registration_expiration: '2099-01-01',
    created_at: now,
    updated_at: now,
  });
}

/** Every row of every product table, ordered by primary key: equal states compare equal. */
export async function allRows(db: Kysely<Database>): Promise<Partial<Record<TableName, unknown[]>>> {
  const result: Partial<Record<TableName, unknown[]>> = {};
  for (const table of await presentTables(db)) {
    const key = sql.ref(primaryKeyOf(table));
    result[table] = (await sql`select * from ${sql.table(table)} order by ${key}`.execute(db)).rows;
  }
  return result;
}

/** The set of enrollment ids, sorted: tells the old state from the new one after a restore. */
export async function enrollmentIds(runtime: Runtime): Promise<string[]> {
  const rows = await runtime.db.kysely.selectFrom('enrollments').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** SIGKILL once the command has printed `afterLine` progress lines ("… done"), `delayMs` later. */
export interface KillPoint {
  afterLine: number;
  delayMs: number;
}

/**
 * Runs `byov …` from the sources, optionally SIGKILLed at `kill`. Waits for 'close' rather
 * than 'exit' so that all of stdout (a JSON document, say) has arrived.
 */
export function runByov(
  args: string[],
  env: Record<string, string>,
  options: { kill?: KillPoint } = {},
): Promise<CliResult> {
  const child = spawnCli(args, { LOG_LEVEL: 'silent', ...env });
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  const killLater = (delayMs: number) => {
    timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
  };
  if (options.kill?.afterLine === 0) killLater(options.kill.delayMs);
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const kill = options.kill;
    if (kill && (stderr.match(/… done\n/g) ?? []).length >= kill.afterLine) killLater(kill.delayMs);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const COMMIT_WRITER = path.join(import.meta.dirname, 'fixtures', 'commit-writer.mjs');

/**
 * Another process committing one audit event after another (fixtures/commit-writer.mjs), each
 * with the next `seq`: a snapshot of one commit holds exactly seq 1..M. Kill it when done.
 */
export async function startCommitWriter(fixture: Fixture): Promise<ChildProcess> {
  const database = fixture.config.database;
  const target = database.engine === 'sqlite' ? database.file : database.url;
  const child = spawn(process.execPath, [COMMIT_WRITER, database.engine, target], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line === 'started') resolve();
    });
  });
  // Let it build up a stream of commits before the first backup starts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return child;
}
