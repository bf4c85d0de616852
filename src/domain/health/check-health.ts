import type { BackupHealth } from '../../backup/backup-health.js';
import { problemCount, readLiveDataFindings } from '../../backup/live-data-findings.js';
import type { StorageGuard } from '../../files/storage-guard.js';
import type { Db } from '../../storage/db.js';
import { readSchemaState } from '../../storage/migrate.js';
import { countEnrollments } from '../../storage/repositories/enrollment.repository.js';

const MB = 1024 * 1024;

export interface HealthDeps {
  db: Db;
  storage: StorageGuard;
  backupHealth?: (() => Promise<BackupHealth>) | undefined;
}

/**
 * What `GET /health` reports. Anyone (a load balancer, a monitor) gets the status, engine and
 * schema version; the enrollment count and the backup and storage details tell an outsider about
 * the business, so only a caller with the bearer token or an admin session (`detailed`) gets them.
 */
export async function checkHealth(deps: HealthDeps, detailed: boolean) {
  const db = deps.db.kysely;
  const [schema, backup, storage, liveData] = await Promise.all([
    readSchemaState(db),
    deps.backupHealth?.(),
    deps.storage.status(),
    readLiveDataFindings(db),
  ]);
  // Damaged live data (found by the nightly check or `byov check`) outranks any warning.
  const problems = problemCount(liveData);
  const summary = {
    status: problems > 0 ? 'error' : backup?.warning || storage.low ? 'warn' : 'ok',
    database: deps.db.engine,
    schemaVersion: schema.version,
  };
  if (!detailed) return summary;
  return {
    ...summary,
    enrollments: await countEnrollments(db),
    ...(backup ? { backup } : {}),
    liveData: { problems, lastCheckedAt: liveData.lastCheckedAt },
    storage: {
      low: storage.low,
      freeMb: Math.floor(storage.freeBytes / MB),
      minFreeMb: Math.floor(storage.minFreeBytes / MB),
    },
  };
}
