/**
 * Vitest global setup: makes one PostgreSQL server and one S3-compatible server available to
 * every test file.
 *
 * Test files learn its address through `inject('pgAdminUrl')` and create their own scratch
 * databases on it (see engines.ts). `null` means "no PostgreSQL here": PostgreSQL suites are then
 * skipped, loudly, unless BYOV_REQUIRE_PG demands otherwise (CI sets it). The S3 server
 * (`inject('s3Endpoint')`, see s3-server.ts) is required when BYOV_REQUIRE_S3 or CI is set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgresCluster } from './postgres-cluster.js';
import { startS3Server } from './s3-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a role allowed to CREATE DATABASE, or null when PostgreSQL is unavailable. */
    pgAdminUrl: string | null;
    /** Endpoint of the test S3 server (path-style, credentials S3RVER/S3RVER), or null when it could not start. */
    s3Endpoint: string | null;
  }
}

type Teardown = () => Promise<void>;

const nothingToTearDown: Teardown = async () => {};

function isSet(flag: string | undefined): boolean {
  return flag !== undefined && flag !== '' && flag !== '0' && flag !== 'false';
}

function isPostgresRequired(): boolean {
  return isSet(process.env.BYOV_REQUIRE_PG);
}

function isS3Required(): boolean {
  return isSet(process.env.BYOV_REQUIRE_S3) || isSet(process.env.CI);
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
  const stopS3 = await setUpS3(project);
  const stopPostgres = await setUpPostgres(project);
  return async () => {
    await stopPostgres();
    await stopS3();
  };
}

async function setUpS3(project: TestProject): Promise<Teardown> {
  const directory = await mkdtemp(path.join(tmpdir(), 'byov-s3rver-'));
  try {
    const server = await startS3Server(directory);
    project.provide('s3Endpoint', server.endpoint);
    return async () => {
      await server.stop();
      await rm(directory, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    if (isS3Required())
      throw new Error(`BYOV_REQUIRE_S3 (or CI) is set but the test S3 server did not start: ${error}`);
    process.stderr.write(`\n!!  S3 TESTS ARE BEING SKIPPED: the test S3 server (s3rver) did not start: ${error}\n\n`);
    project.provide('s3Endpoint', null);
    return nothingToTearDown;
  }
}

async function setUpPostgres(project: TestProject): Promise<Teardown> {
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
