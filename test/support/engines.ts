/**
 * Run the same suite against every database engine the product supports.
 *
 * Invariant 6 of the design: both engines, one behaviour. A test file wraps its suite in
 * `describeEachEngine`, asks `createTestDatabase(engine)` for a fresh database, and hands
 * `databaseUrl` to the code under test exactly as DATABASE_URL would be handed in production.
 * The type of `inject('pgAdminUrl')` is declared next to the code that provides it, global-setup.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, inject } from 'vitest';
import { createScratchDatabase } from './postgres-cluster.js';

export type EngineName = 'sqlite' | 'postgres';

export interface TestDatabase {
  engine: EngineName;
  /** undefined = the default SQLite file inside the data directory, as in production. */
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

export const ENGINES: EngineName[] = ['sqlite', 'postgres'];

export function isEngineAvailable(engine: EngineName): boolean {
  // SQLite is a library dependency, so it is always there; PostgreSQL depends on the machine.
  return engine === 'sqlite' || inject('pgAdminUrl') !== null;
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  if (adminUrl === null) {
    throw new Error('PostgreSQL is not available in this test run; guard the suite with isEngineAvailable()');
  }
  const database = await createScratchDatabase(adminUrl);
  return { engine: 'postgres', databaseUrl: database.url, dispose: database.drop };
}

export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'postgres') return createPostgresDatabase();
  // The SQLite file lives in the data dir each test creates, so removing that dir disposes of it.
  return { engine: 'sqlite', databaseUrl: undefined, dispose: async () => {} };
}

/** Declares `${title} [engine]` once per engine; engines missing on this machine are skipped. */
export function describeEachEngine(title: string, body: (engine: EngineName) => void): void {
  for (const engine of ENGINES) {
    describe.skipIf(!isEngineAvailable(engine))(`${title} [${engine}]`, () => body(engine));
  }
}

export async function makeTempDir(prefix = 'byov-test-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
