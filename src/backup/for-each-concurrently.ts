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
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Copies of stored files in flight at once during backup and restore. */
export const FILE_COPY_CONCURRENCY = 4;
