import { listBackups } from '../../../backup/list-backups.js';

/** The backups, newest first, with the outcome of their latest verification. */
export async function listBackupSummaries(backupsDir: string) {
  const backups = await listBackups(backupsDir);
  return {
    backups: backups.map((b) => ({
      name: b.name,
      kind: b.kind,
      createdAt: b.createdAt.toISOString(),
      engine: b.engine,
      /** null: never verified. */
      verified: b.verified,
      verifiedAt: b.verifiedAt,
      sizeBytes: b.sizeBytes,
      enrollments: b.enrollments,
      files: b.files,
    })),
  };
}
