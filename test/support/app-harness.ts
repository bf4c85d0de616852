import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type Config, loadConfig } from '../../src/config.js';
import { type AppDeps, buildApp } from '../../src/http/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { TABLES } from '../../src/storage/database.js';
import { createTestDatabase, type EngineName, makeTempDir } from './engines.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  dataDir: string;
  /** Row counts of every table plus every stored file (as `<2 hex>/<sha256>`, in whichever store). */
  snapshotState(): Promise<{ rows: Record<string, number>; files: string[] }>;
  close(): Promise<void>;
}

/** The real app on a fresh data folder and database of the given engine. */
export async function startTestApp(
  engine: EngineName,
  env: Record<string, string> = {},
  now?: () => Date,
  /** Extra dependencies for the app (a fake VIN decoder, a CLI runner…). */
  overrides: Partial<AppDeps> = {},
): Promise<TestApp> {
  const temp = await makeTempDir();
  const database = await createTestDatabase(engine);
  const config = loadConfig({
    DATA_DIR: temp.dir,
    DATABASE_URL: database.databaseUrl,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000',
    RATE_LIMIT_SIGN_INS_PER_MINUTE: '1000',
    // Every request of a test comes from one address; tests of these limits set their own.
    MAX_UPLOADS_PER_ADDRESS: '1000',
    ...env,
  });
  const runtime = await openRuntime(config, { migrate: true });
  const app = await buildApp({ ...runtime, ...(now ? { now } : {}), ...overrides });
  return {
    app,
    runtime,
    config,
    dataDir: temp.dir,
    snapshotState: () => snapshotState(runtime),
    close: async () => {
      await app.close();
      await runtime.close();
      await database.dispose();
      await temp.remove();
    },
  };
}

async function snapshotState(runtime: Runtime) {
  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(runtime.db.kysely);
    rows[table] = Number(result.rows[0]?.n);
  }
  const files: string[] = [];
  for await (const file of runtime.files.list()) files.push(`${file.key.slice(0, 2)}/${file.key}`);
  return { rows, files: files.sort() };
}

export async function listFilesRecursively(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export function adminHeaders(): Record<string, string> {
  return { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
}
