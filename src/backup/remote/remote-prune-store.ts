import type { PruneStore } from '../prune-backups.js';
import { listRemoteBackups } from './list-remote-backups.js';
import { BLOBS_FOLDER, readRecord, recordNameOf } from './remote-record.js';
import type { RemoteTarget } from './remote-target.js';
import { REMOTE_RETRY, withRetry } from './with-retry.js';

/**
 * The remote as pruning sees it, so `byov prune --remote` applies the same retention rules (and
 * the same "newest verified is never removed", backups before blobs, damaged records protect
 * every blob) as the local prune. Blob keys are object names here. A listed remote backup is a
 * complete copy of a backup verified before it was sent, so it counts as verified. Needs no
 * identity: records are readable without one.
 */
export function remotePruneStore(target: RemoteTarget): PruneStore {
  const retry = <T>(work: () => Promise<T>) => withRetry(work, REMOTE_RETRY);
  const recordOf = async (name: string) => {
    const read = await retry(() => readRecord(target, name));
    if (!read.ok) throw new Error(read.problem);
    return read.record;
  };
  return {
    listBackups: async () =>
      (await listRemoteBackups(target)).backups.map((b) => ({
        name: b.name,
        kind: b.kind,
        createdAt: new Date(b.createdAt),
        verified: true,
      })),
    listDamaged: async () => (await listRemoteBackups(target)).damaged.map((d) => d.name),
    readBlobKeys: async (name) => (await recordOf(name)).blobs.map((b) => b.name),
    measureBackup: async (name) => {
      const record = await recordOf(name);
      return record.contents.bytes + record.snapshot.bytes;
    },
    // The record goes first: from then on the backup is not listed, and its parts are leftovers.
    removeBackup: async (name) => {
      const record = await recordOf(name);
      await retry(() => target.remove(recordNameOf(name)));
      await retry(() => target.remove(record.snapshot.name));
      await retry(() => target.remove(record.contents.name));
    },
    listBlobs: async () =>
      (await retry(() => target.list(BLOBS_FOLDER))).map((o) => ({
        key: o.name,
        bytes: o.bytes,
        modifiedAt: o.modifiedAt,
      })),
    removeBlob: (key) => retry(() => target.remove(key)),
  };
}
