/**
 * Vitest global setup: makes one PostgreSQL server available to every test file.
 *
 * Test files learn its address through `inject('pgAdminUrl')` and create their own scratch
 * databases on it (see engines.ts). `null` means "no PostgreSQL here": PostgreSQL suites are then
 * skipped, loudly, unless BYOV_REQUIRE_PG demands otherwise (CI sets it).
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a role allowed to CREATE DATABASE, or null when PostgreSQL is unavailable. */
    pgAdminUrl: string | null;
  }
}

type Teardown = () => Promise<void>;

const nothingToTearDown: Teardown = async () => {};

function isPostgresRequired(): boolean {
  const flag = process.env.BYOV_REQUIRE_PG;
  return flag !== undefined && flag !== '' && flag !== '0';
}

function warnThatPostgresIsSkipped(): void {
  const bar = '!'.repeat(78);
  process.stderr.write(
    [
      '',
      bar,
      '!!  POSTGRESQL TESTS ARE BEING SKIPPED',
      '!!',
      '!!  No PostgreSQL server binaries (initdb, pg_ctl) were found, and BYOV_TEST_PG_URL is not set.',
      '!!  Only the SQLite half of the "both engines" tests is running.',
      '!!',
      '!!  To run them: install postgresql (Debian: apt-get install postgresql-15),',
      '!!  or set PG_BIN=/path/to/postgresql/bin, or set BYOV_TEST_PG_URL to a server URL',
      '!!  whose role may CREATE DATABASE. Set BYOV_REQUIRE_PG=1 to make this an error.',
      bar,
      '',
      '',
    ].join('\n'),
  );
}

export default async function setup(project: TestProject): Promise<Teardown> {
  const externalUrl = process.env.BYOV_TEST_PG_URL;
  if (externalUrl !== undefined && externalUrl !== '') {
    project.provide('pgAdminUrl', externalUrl);
    return nothingToTearDown;
  }

  if (findPostgresBin() !== undefined) {
    const cluster = await startPostgresCluster();
    project.provide('pgAdminUrl', cluster.adminUrl);
    return () => cluster.stop();
  }

  if (isPostgresRequired()) {
    throw new Error(
      'BYOV_REQUIRE_PG is set but PostgreSQL server binaries (initdb, pg_ctl) were not found. ' +
        'Install postgresql (Debian: apt-get install postgresql-15), set PG_BIN, or set BYOV_TEST_PG_URL.',
    );
  }
  warnThatPostgresIsSkipped();
  project.provide('pgAdminUrl', null);
  return nothingToTearDown;
}
