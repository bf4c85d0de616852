import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { BackupKindSchema } from '../manifest.js';
import type { RemoteTarget } from './remote-target.js';

/**
 * The layout of a remote (relative to BACKUP_REMOTE):
 *
 *   blobs/<HMAC of the file's SHA-256>   one stored file, sealed (shared by every backup)
 *   snapshots/<backup name>              the database snapshot, sealed
 *   contents/<backup name>               the backup's manifest and the naming key, sealed
 *   backups/<backup name>.json           the record below, in the clear, written LAST
 *
 * Only a record makes a backup exist remotely, and it is sent after everything it names was
 * confirmed, so a copy cut short lists nothing. The record holds nothing but object names,
 * sizes and times (the things the holder of the bucket sees anyway), so listing and pruning
 * need no identity; everything else needs the identity to read.
 */
export const RECORDS_FOLDER = 'backups/';
export const BLOBS_FOLDER = 'blobs/';

const ObjectRef = z.object({ name: z.string().regex(/^[a-z]+\/[A-Za-z0-9._-]+$/), bytes: z.number().int().min(0) });

export const RemoteRecordSchema = z.object({
  format: z.literal('byov-remote-backup'),
  formatVersion: z.literal(1),
  name: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/),
  kind: BackupKindSchema,
  createdAt: z.iso.datetime(),
  copiedAt: z.iso.datetime(),
  encrypted: z.boolean(),
  contents: ObjectRef,
  snapshot: ObjectRef,
  blobs: z.array(ObjectRef),
});
export type RemoteRecord = z.infer<typeof RemoteRecordSchema>;

/** What `contents/<name>` holds once opened: the local manifest verbatim and the naming key. */
export const RemoteContentsSchema = z.object({
  manifest: z.string(),
  namingKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RemoteContents = z.infer<typeof RemoteContentsSchema>;

export function recordNameOf(backupName: string): string {
  return `${RECORDS_FOLDER}${backupName}.json`;
}

export type RecordRead = { ok: true; record: RemoteRecord } | { ok: false; problem: string };

export async function readRecord(target: RemoteTarget, backupName: string): Promise<RecordRead> {
  const name = recordNameOf(backupName);
  let body: string;
  try {
    body = await text(target.read(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: false, problem: `No backup named "${backupName}" in the remote.` };
    }
    throw error;
  }
  try {
    const parsed = RemoteRecordSchema.safeParse(JSON.parse(body));
    if (parsed.success && parsed.data.name === backupName) return { ok: true, record: parsed.data };
  } catch {}
  return { ok: false, problem: `${name} is damaged: it is not a BYOV remote backup record.` };
}
