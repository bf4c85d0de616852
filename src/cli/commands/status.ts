import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { type BackupHealth, describeRuntimeBackupHealth } from '../../backup/backup-health.js';
import { problemCount, readLiveDataFindings } from '../../backup/live-data-findings.js';
import { type Config, describeDatabase } from '../../config.js';
import { describeMailStatus } from '../../mail/mail-status.js';
import { openRuntime, type Runtime } from '../../runtime.js';
import { findLiveInstances } from '../../storage/cluster-guard.js';
import { readSchemaState } from '../../storage/migrate.js';
import { SCHEMA_VERSION } from '../../storage/migrations/index.js';
import { summarizeStoredFiles } from '../../storage/repositories/document.repository.js';
import { countEnrollmentsByStatus } from '../../storage/repositories/enrollment.repository.js';
import { formatBytes, runCommand } from '../run-command.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the database engine and location, enrollments by status, and stored files')
    .option('--json', 'print the status as JSON')
    .action(
      runCommand(async ({ config, json }) => {
        if (config.database.engine === 'sqlite' && !existsSync(config.database.file)) {
          const message = `No database yet at ${config.database.file}. Start the server (npm start) or run \`byov migrate\`.`;
          console.log(
            json ? JSON.stringify({ database: 'sqlite', location: config.database.file, exists: false }) : message,
          );
          return 0;
        }
        const runtime = await openRuntime(config, { migrate: false });
        try {
          const status = await collectStatus(runtime);
          console.log(json ? JSON.stringify(status, null, 2) : formatStatus(status));
          return 0;
        } finally {
          await runtime.close();
        }
      }),
    );
}

export async function collectStatus(runtime: Runtime) {
  const db = runtime.db.kysely;
  const { config } = runtime;
  const [schema, byStatus, files, backup, mail, findings, instances] = await Promise.all([
    readSchemaState(db),
    countEnrollmentsByStatus(db),
    summarizeStoredFiles(db),
    describeRuntimeBackupHealth(runtime),
    describeMailStatus(db, config),
    readLiveDataFindings(db),
    findLiveInstances(runtime.db, runtime.now()),
  ]);
  const problems = problemCount(findings);
  return {
    database: runtime.db.engine,
    location: describeDatabase(runtime.config.database),
    databaseBytes: sqliteBytes(runtime.config),
    schemaVersion: schema.version,
    latestSchemaVersion: SCHEMA_VERSION,
    enrollments: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
    files: { count: files.files, bytes: files.bytes },
    backup,
    mail,
    liveData: {
      status: problems > 0 ? ('error' as const) : ('ok' as const),
      problems,
      lastCheckedAt: findings.lastCheckedAt,
    },
    instances: instances.map((i) => ({
      id: i.id,
      host: i.host,
      pid: i.pid,
      address: i.address,
      startedAt: i.startedAt,
      heartbeatAt: i.heartbeatAt,
    })),
    dataDir: runtime.config.dataDir,
  };
}

/** Size of the SQLite file plus its WAL, where committed data may still sit. */
function sqliteBytes(config: Config): number | null {
  if (config.database.engine !== 'sqlite') return null;
  const file = config.database.file;
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return size(file) + size(`${file}-wal`);
}

function formatStatus(s: Awaited<ReturnType<typeof collectStatus>>): string {
  const lines = [
    `Database:     ${s.database} at ${s.location}${s.databaseBytes === null ? '' : ` (${formatBytes(s.databaseBytes)})`}`,
    `Schema:       version ${s.schemaVersion} of ${s.latestSchemaVersion}`,
    `Enrollments:  ${s.enrollments.total}`,
    ...Object.entries(s.enrollments.byStatus).map(([status, count]) => `  ${status.padEnd(18)} ${count}`),
    `Files:        ${s.files.count} stored, ${formatBytes(s.files.bytes)}`,
    `Last backup:  ${s.backup.lastVerified ? `${s.backup.lastVerified.name} (verified, ${s.backup.lastVerified.ageHours} h ago)` : 'none verified'}`,
    ...offMachineLines(s.backup),
    ...(s.backup.warning ? [`  WARNING: ${s.backup.warning}`] : []),
    `E-mail:       ${s.mail.server ?? 'not configured'}; ${s.mail.waiting} waiting, ${s.mail.sent} sent, ${s.mail.failed} failed`,
    ...(s.mail.warning ? [`  WARNING: ${s.mail.warning}`] : []),
    `Live data:    ${s.liveData.status === 'error' ? `ERROR: ${s.liveData.problems} problem(s) found by the last checks` : 'ok'}${s.liveData.lastCheckedAt ? ` (last checked ${s.liveData.lastCheckedAt})` : ' (not checked yet)'}`,
    ...(s.liveData.status === 'error' ? ['  Run `byov check` for the details, then `byov repair`.'] : []),
    `Instances:    ${s.instances.length === 0 ? 'none running' : `${s.instances.length} live`}`,
    ...s.instances.map(
      (i) =>
        `  ${i.host} PID ${i.pid}${i.address ? ` at ${i.address}` : ''}, up since ${i.startedAt}, heartbeat ${i.heartbeatAt}`,
    ),
    `Data folder:  ${s.dataDir}`,
  ];
  return lines.join('\n');
}

function offMachineLines(backup: BackupHealth): string[] {
  const off = backup.offMachine;
  if (!off) return [];
  const copy = off.lastCopy ? `${off.lastCopy.name} (${off.lastCopy.ageHours} h old)` : 'none yet';
  return [`Off-machine:  ${copy} in ${off.remote}${off.encrypted ? ', encrypted' : ', NOT encrypted'}`];
}
