/**
 * Submissions per second on PostgreSQL with files in an S3-compatible store (s3rver), through
 * Debian's HAProxy to one and to three `byov serve` instances, beside one instance without the
 * balancer (the baseline, measured in the same run, same data, same client concurrency).
 *
 * On a 2-core machine expect no gain from three instances: the clients, the balancer, PostgreSQL,
 * s3rver and every instance share the same two cores, so more instances only divide them (and
 * add context switches). The rows show what the balancer costs and that spreading over
 * instances works; real scaling needs instances on cores of their own.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '../../src/files/s3-file-store.js';
import { isHaproxyInstalled, startHaproxy } from '../../test/support/haproxy.js';
import { createScratchDatabase, findPostgresBin, startPostgresCluster } from '../../test/support/postgres-cluster.js';
import { S3_TEST_CREDENTIALS, startS3Server } from '../../test/support/s3-server.js';
import { type ServerProcess, startServerProcess } from '../../test/support/server-process.js';
import { backupScheduleAwayFromNow } from '../lib/built-server.js';
import { runClosedLoop } from '../lib/concurrency.js';
import { round, roundSummary, summarize } from '../lib/stats.js';
import { withTempDir } from '../lib/temp-dir.js';
import { type BenchContext, type BenchSection, benchRow, type SectionResult } from '../lib/types.js';
import { submitOverHttp } from './submissions/clients.js';
import { SubmissionFactory } from './submissions/payloads.js';

const SECTION = 'cluster';
const FULL = { submissions: 60, concurrency: 8 };
const QUICK = { submissions: 6, concurrency: 3 };

async function runSection(context: BenchContext): Promise<SectionResult> {
  if (!isHaproxyInstalled() || !findPostgresBin()) {
    return { rows: [], notes: [`${SECTION}: skipped (needs /usr/sbin/haproxy and PostgreSQL server binaries)`] };
  }
  const plan = context.quick ? QUICK : FULL;
  return withTempDir(SECTION, async (root) => {
    const postgres = await startPostgresCluster();
    const s3 = await startS3Server(path.join(root, 's3'));
    const servers: ServerProcess[] = [];
    const balancers: { stop(): Promise<void> }[] = [];
    try {
      const database = await createScratchDatabase(postgres.adminUrl);
      const bucket = `byov-bench-${randomBytes(4).toString('hex')}`;
      const client = createS3Client(
        { bucket, prefix: '', endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true },
        S3_TEST_CREDENTIALS,
      );
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      client.destroy();
      process.env.AWS_ACCESS_KEY_ID = S3_TEST_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = S3_TEST_CREDENTIALS.secretAccessKey;
      const env = {
        DATABASE_URL: database.url,
        FILE_STORE: 's3',
        S3_BUCKET: bucket,
        S3_ENDPOINT: s3.endpoint,
        S3_REGION: 'us-east-1',
        S3_FORCE_PATH_STYLE: 'true',
        TRUST_PROXY: '127.0.0.1',
        RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000000',
        MAX_UPLOADS_PER_ADDRESS: '1000',
        BACKUP_AFTER_SUBMISSIONS: '0',
        BACKUP_SCHEDULE: backupScheduleAwayFromNow(),
        ADMIN_TOKEN: undefined,
      };
      const start = async (name: string) => {
        const dataDir = path.join(root, name);
        await mkdir(dataDir, { recursive: true });
        const server = await startServerProcess({ ...env, DATA_DIR: dataDir });
        servers.push(server);
        return server;
      };
      const factory = await SubmissionFactory.create(randomBytes(4).toString('hex'));
      let nextIndex = 0;
      const measure = async (url: string) => {
        const load = { ...plan, total: plan.submissions, firstIndex: nextIndex };
        nextIndex += plan.submissions;
        return runClosedLoop(load, async (index) => (await submitOverHttp(url, factory.build(index))).latencyMs);
      };

      context.log(`${SECTION}: one instance on PostgreSQL + s3rver, no balancer`);
      const first = await start('s1');
      await measure(first.url); // warm-up
      const direct = await measure(first.url);
      const oneBehind = await startHaproxy(path.join(root, 'one'), { s1: first.url });
      balancers.push(oneBehind);
      context.log(`${SECTION}: one instance behind HAProxy`);
      const one = await measure(oneBehind.url);
      context.log(`${SECTION}: three instances behind HAProxy`);
      const others = await Promise.all([start('s2'), start('s3')]);
      const threeBehind = await startHaproxy(path.join(root, 'three'), {
        s1: first.url,
        s2: others[0]?.url as string,
        s3: others[1]?.url as string,
      });
      balancers.push(threeBehind);
      await measure(threeBehind.url); // warm-up of the two new instances
      const three = await measure(threeBehind.url);

      const baseline = { name: '1 instance, no balancer', value: direct.operationsPerSecond };
      const c = `c=${plan.concurrency}`;
      return {
        rows: [
          benchRow(SECTION, `through HAProxy, 1 instance, ${c}`, one.operationsPerSecond, 'subm/s', baseline),
          benchRow(SECTION, `through HAProxy, 3 instances, ${c}`, three.operationsPerSecond, 'subm/s', baseline),
        ],
        details: {
          plan,
          cores: cpus().length,
          perSecond: {
            direct: round(direct.operationsPerSecond),
            one: round(one.operationsPerSecond),
            three: round(three.operationsPerSecond),
          },
          latencyMs: {
            direct: roundSummary(summarize(direct.latenciesMs)),
            one: roundSummary(summarize(one.latenciesMs)),
            three: roundSummary(summarize(three.latenciesMs)),
          },
        },
        notes: [
          `${SECTION}: clients, HAProxy, PostgreSQL, s3rver and every instance share this machine's cores; ` +
            'on 2 cores three instances cannot be faster than one (see the section comment)',
        ],
      };
    } finally {
      for (const balancer of balancers) await balancer.stop();
      for (const server of servers) if (server.child.exitCode === null) await server.stop();
      await s3.stop();
      await postgres.stop();
    }
  });
}

export const clusterSection: BenchSection = {
  name: SECTION,
  description: 'submissions/s on PostgreSQL + S3 through HAProxy to 1 and 3 instances, against 1 instance direct',
  run: runSection,
};
