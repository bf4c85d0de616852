import { AppError } from '../../errors.js';
import { RECORDS_FOLDER, readRecord } from './remote-record.js';
import type { RemoteTarget } from './remote-target.js';
import { REMOTE_RETRY, withRetry } from './with-retry.js';

export interface RemoteBackupListing {
  name: string;
  kind: 'manual' | 'scheduled' | 'safety';
  createdAt: string;
  copiedAt: string;
  encrypted: boolean;
  /** Objects it names (contents, snapshot, blobs) and their total size in the remote. */
  objects: number;
  bytes: number;
}

export interface RemoteListing {
  backups: RemoteBackupListing[];
  /** Records that cannot be read: shown, and while there are any, prune removes no blob. */
  damaged: { name: string; problem: string }[];
}

/** The backups the remote lists (those whose record arrived), newest first. Needs no identity. */
export async function listRemoteBackups(target: RemoteTarget): Promise<RemoteListing> {
  const objects = await withRetry(() => target.list(RECORDS_FOLDER), REMOTE_RETRY);
  const listing: RemoteListing = { backups: [], damaged: [] };
  for (const object of objects) {
    const match = /^backups\/(.+)\.json$/.exec(object.name);
    if (!match?.[1]) continue;
    const read = await withRetry(() => readRecord(target, match[1] as string), REMOTE_RETRY);
    if (!read.ok) {
      listing.damaged.push({ name: match[1], problem: read.problem });
      continue;
    }
    const r = read.record;
    const parts = [r.contents, r.snapshot, ...r.blobs];
    listing.backups.push({
      name: r.name,
      kind: r.kind,
      createdAt: r.createdAt,
      copiedAt: r.copiedAt,
      encrypted: r.encrypted,
      objects: parts.length,
      bytes: parts.reduce((sum, p) => sum + p.bytes, 0),
    });
  }
  listing.backups.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return listing;
}

/** `latest` (the newest listed backup) or a name as `list --remote` shows it. */
export async function resolveRemoteName(target: RemoteTarget, reference: string): Promise<string> {
  if (reference !== 'latest') return reference.replace(/\.json$/, '');
  const newest = (await listRemoteBackups(target)).backups.find((b) => b.kind !== 'safety');
  if (!newest) throw new AppError('BACKUP_NOT_FOUND', `The remote ${target.description} lists no backup yet.`);
  return newest.name;
}
