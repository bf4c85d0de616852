/**
 * Runs `work` over `items` with at most `limit` in flight. File copies are bound by waiting on
 * each file's fsync, not by bandwidth, so a few at once copy several times faster than one by one.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  // Every item in flight settles before the first failure is thrown, so the caller's clean-up
  // (removing what a failed backup copied) never races a copy that is still being written.
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Copies of stored files in flight at once during backup, checks and migrations. */
export const FILE_COPY_CONCURRENCY = 4;

/**
 * Files a restore stages at once while it verifies the backup's database. Each copy ends in an
 * fsync, and eight overlap them enough that the 2 GB of the bench's 971 files are staged before
 * the database is verified (3.5-4.5 s alone against 4.5-5.6 s with four; sixteen gained nothing
 * more). Backups keep four: with eight, a backup's peak memory grew with the size of the files
 * copied (1.11-1.29x from 154 MB to 2 GB of files, against 0.95-1.10x).
 */
export const RESTORE_COPY_CONCURRENCY = 8;

/**
 * Directories a store with deferred syncs fsyncs at once when flushed: each fsync mostly waits on
 * the disk, so a few at once take about the time of one.
 */
export const DIRECTORY_SYNC_CONCURRENCY = 8;
