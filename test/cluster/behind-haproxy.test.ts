/**
 * The product as a cluster: PostgreSQL, an S3-compatible server (s3rver) and three `byov serve`
 * processes behind Debian's HAProxy, round-robin. Required in CI (.ci/run installs haproxy);
 * elsewhere skipped, with the reason printed, when haproxy is not installed.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createAdminUser } from '../../src/domain/admin/users/create-admin-user.js';
import { CLI_ACTOR } from '../../src/domain/auth/actor.js';
import { MAINTENANCE_JOBS } from '../../src/jobs/maintenance-jobs.js';
import { openRuntime } from '../../src/runtime.js';
import { PASSWORD, sessionCookieOf, tokenOf } from '../support/admin-session.js';
import { createTestDatabase, isEngineAvailable, makeTempDir, type TestDatabase } from '../support/engines.js';
import {
  buildSubmissionForm,
  makeSubmissionFiles,
  type SubmissionFiles,
  validEnrollmentData,
} from '../support/fixtures.js';
import { type Balancer, isHaproxyInstalled, startHaproxy } from '../support/haproxy.js';
import { createTestBucket, isS3Available } from '../support/s3-server.js';
import { runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';

const haproxyReady = isHaproxyInstalled();
if (!haproxyReady) {
  const reason = 'the cluster test needs HAProxy (/usr/sbin/haproxy; `apt-get install haproxy`)';
  if (process.env.CI) throw new Error(`${reason}, and CI must run it`);
  process.stderr.write(`\n!! Skipping: ${reason}.\n\n`);
}

// biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are checked by the assertions
type Json = Record<string, any>;
const body = async (response: Response) => (await response.json()) as Json;

const NAMES = ['s1', 's2', 's3'] as const;
type Name = (typeof NAMES)[number];

interface Call {
  pin?: Name;
  /** The client address HAProxy forwards (X-Forwarded-For); the servers trust it from 127.0.0.1. */
  from?: string;
  cookie?: string;
  csrf?: string;
  method?: string;
  json?: unknown;
  body?: FormData;
}

describe.skipIf(!haproxyReady || !isEngineAvailable('postgres') || !isS3Available())(
  'three instances behind HAProxy on PostgreSQL and S3',
  () => {
    let temp: { dir: string; remove(): Promise<void> };
    let database: TestDatabase;
    let env: Record<string, string>;
    let servers: Record<Name, ServerProcess>;
    let startupLogs: string[][];
    let balancer: Balancer;
    let files: SubmissionFiles;
    let admin: { cookie: string; csrf: string };

    const call = (url: string, options: Call = {}) => {
      const headers: Record<string, string> = {};
      if (options.pin) headers['x-pin-server'] = options.pin;
      if (options.from) headers['x-forwarded-for'] = options.from;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.csrf) headers['x-csrf-token'] = options.csrf;
      if (options.json !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${balancer.url}${url}`, {
        method: options.method ?? (options.json !== undefined || options.body ? 'POST' : 'GET'),
        headers,
        body: options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
      });
    };
    const servedBy = (response: Response) => response.headers.get('x-served-by');

    beforeAll(async () => {
      temp = await makeTempDir('byov-cluster-');
      database = await createTestDatabase('postgres');
      const bucket = await createTestBucket();
      env = {
        DATABASE_URL: database.databaseUrl as string,
        ...bucket.env,
        TRUST_PROXY: '127.0.0.1',
        RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '10',
        MAX_UPLOADS_PER_ADDRESS: '1000',
        BACKUP_SCHEDULE: '0 3 1 1 *',
      };
      // Started together, so they race for the migrations and for every start-up job's lease.
      const started = await Promise.all(
        NAMES.map((name) => startServerProcess({ ...env, DATA_DIR: path.join(temp.dir, name) })),
      );
      servers = { s1: started[0], s2: started[1], s3: started[2] } as Record<Name, ServerProcess>;
      startupLogs = started.map((server) => [...server.logLines]);
      balancer = await startHaproxy(temp.dir, { s1: servers.s1.url, s2: servers.s2.url, s3: servers.s3.url });
      for (const name of NAMES) {
        // HAProxy sends a request to a server only once its health check has passed.
        await vi.waitFor(
          async () => {
            const health = await call('/health', { pin: name });
            if (health.status !== 200 || servedBy(health) !== name) throw new Error(`${name} not up yet`);
          },
          { timeout: 60_000, interval: 250 },
        );
      }
      files = await makeSubmissionFiles(30_000);
      admin = await signInAdmin();
    });

    afterAll(async () => {
      await balancer?.stop();
      for (const server of Object.values(servers ?? {})) if (server.child.exitCode === null) await server.stop();
      await database?.dispose();
      await temp?.remove();
    });

    /** An account created as `byov admin create` does, set up and signed in through the balancer. */
    async function signInAdmin() {
      const runtime = await openRuntime(loadConfig({ ...env, DATA_DIR: path.join(temp.dir, 'cli') }), {
        migrate: false,
      });
      let link: string;
      try {
        const created = await createAdminUser(
          { db: runtime.db, publicUrl: runtime.config.publicUrl },
          { actor: CLI_ACTOR, ip: null, userAgent: null, now: new Date() },
          { email: 'lead@example.com', role: 'admin' },
        );
        link = created.setupLink;
      } finally {
        await runtime.close();
      }
      const response = await call('/api/auth/setup', {
        pin: 's3',
        json: { token: tokenOf(link), email: 'lead@example.com', password: PASSWORD, displayName: 'Lead' },
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return { cookie: sessionCookieOf(response.headers.getSetCookie()), csrf: (await body(response)).csrfToken };
    }

    it('a draft saved on one instance, files uploaded on another, submitted on a third', async () => {
      const from = '198.51.100.1';
      const created = await call('/api/drafts', { pin: 's1', from, json: {} });
      expect(created.status).toBe(201);
      expect(servedBy(created)).toBe('s1');
      const code = (await body(created)).resumeCode as string;
      for (const [field, value] of Object.entries(files)) {
        for (const buffer of [value].flat() as Buffer[]) {
          const form = new FormData();
          form.append('file', new Blob([buffer]), `${field}.bin`);
          const uploaded = await call(`/api/drafts/${code}/files/${field}`, { pin: 's2', from, body: form });
          expect(uploaded.status, await uploaded.clone().text()).toBe(201);
          expect(servedBy(uploaded)).toBe('s2');
        }
      }
      const saved = await call(`/api/drafts/${code}`, {
        pin: 's1',
        from,
        method: 'PUT',
        json: { step: 3, data: validEnrollmentData({ techId: 'cluster-1' }) },
      });
      expect(saved.status).toBe(200);
      const policy = await body(await call('/api/policy?state=IL', { pin: 's2', from }));
      const submitted = await call(`/api/drafts/${code}/submit`, {
        pin: 's3',
        from,
        json: { timeZone: 'UTC', policySha256: policy.sha256 },
      });
      expect(submitted.status, await submitted.clone().text()).toBe(201);
      expect(servedBy(submitted)).toBe('s3');
      const { policyPdfUrl } = await body(submitted);
      // The signed PDF from every instance, round-robin.
      const answeredBy = new Set<string | null>();
      for (let i = 0; i < 3; i++) {
        const pdf = await call(policyPdfUrl, { from });
        expect(pdf.status).toBe(200);
        expect(
          Buffer.from(await pdf.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
        answeredBy.add(servedBy(pdf));
      }
      expect(answeredBy.size).toBe(3);
    });

    it('an admin approves on one instance and downloads the PDF and photos from another', async () => {
      const response = await call('/api/enrollments', {
        from: '198.51.100.2',
        body: buildSubmissionForm(validEnrollmentData({ techId: 'cluster-2' }), files),
      });
      expect(response.status).toBe(201);
      const { id } = await body(response);
      const approved = await call(`/api/admin/enrollments/${id}/approve`, { pin: 's1', ...admin, json: {} });
      expect(approved.status, await approved.clone().text()).toBe(200);
      const detail = await body(await call(`/api/admin/enrollments/${id}`, { pin: 's3', ...admin }));
      expect(detail.enrollment.status).toBe('approved');
      const wanted = detail.documents.filter((d: { category: string }) =>
        ['vehicle_front', 'vehicle_back', 'signed_policy'].includes(d.category),
      );
      expect(wanted).toHaveLength(3);
      for (const document of wanted) {
        const download = await call(document.url, { pin: 's2', ...admin });
        expect(download.status).toBe(200);
        const bytes = Buffer.from(await download.arrayBuffer());
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.sha256);
      }
      const front = wanted.find((d: { category: string }) => d.category === 'vehicle_front');
      expect(front.sha256).toBe(createHash('sha256').update(files.vehicle_front).digest('hex'));
    });

    it('ran each start-up job once across the three instances that started together', () => {
      const runs = new Map<string, number>();
      for (const line of startupLogs.flat()) {
        const entry = JSON.parse(line) as { msg?: string; job?: string; nextRunAt?: string };
        if (entry.msg !== 'scheduled job ran') continue;
        const slot = `${entry.job} @ ${entry.nextRunAt}`;
        runs.set(slot, (runs.get(slot) ?? 0) + 1);
      }
      const jobs = new Set([...runs.keys()].map((slot) => slot.split(' @ ')[0]));
      expect([...jobs].sort()).toEqual(MAINTENANCE_JOBS.map((j) => j.name).sort());
      for (const [slot, count] of runs) expect(count, slot).toBe(1);
    });

    it('holds the submission limit for the whole cluster, not once per instance', async () => {
      const statuses: number[] = [];
      const instances = new Set<string | null>();
      for (let i = 0; i < 14; i++) {
        const response = await call('/api/enrollments', { from: '203.0.113.99', body: new FormData() });
        statuses.push(response.status);
        instances.add(servedBy(response));
      }
      expect(instances.size).toBe(3);
      expect(statuses.slice(0, 10).filter((s) => s === 429)).toEqual([]);
      expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    });

    it('loses no acknowledged submission when an instance is SIGKILLed mid-stream', async () => {
      let killed: Promise<void> | undefined;
      const attempts = Array.from({ length: 9 }, async (_, i) => {
        try {
          const response = await call('/api/enrollments', {
            from: `198.51.100.${50 + i}`,
            body: buildSubmissionForm(validEnrollmentData({ techId: `kill-${i}` }), files),
          });
          // The first answer: the others are still streaming in; s3 dies among them.
          killed ??= servers.s3.kill9();
          return { status: response.status, body: response.status === 201 ? await body(response) : undefined };
        } catch {
          return { status: 0, body: undefined };
        }
      });
      const results = await Promise.all(attempts);
      await killed;
      const acknowledged = results.filter((r) => r.status === 201).map((r) => r.body?.id as string);
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const id of acknowledged) {
        const detail = await call(`/api/admin/enrollments/${id}`, { pin: 's1', ...admin });
        expect(detail.status).toBe(200);
        const { documents } = await body(detail);
        expect(documents.length).toBeGreaterThanOrEqual(9);
        for (const document of documents) {
          const download = await call(document.url, { pin: 's2', ...admin });
          expect(download.status, `${document.category} of ${id}`).toBe(200);
          await download.arrayBuffer();
        }
      }
    });

    it('refuses `byov restore` while the surviving instances are live', async () => {
      const result = await runCli(['restore', 'byov_backup_20260101_000000', '--yes', '--json'], {
        ...env,
        DATA_DIR: path.join(temp.dir, 'cli'),
        LOG_LEVEL: 'silent',
      });
      expect(result.code).toBe(1);
      const error = JSON.parse(result.stdout).error;
      expect(error.code).toBe('DATA_FOLDER_IN_USE');
      // s3 was killed on this machine, so only s1 and s2 count.
      expect(error.message).toContain('2 server instances are live');
    });
  },
);
