import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { forEachConcurrently, RESTORE_COPY_CONCURRENCY } from '../files/for-each-concurrently.js';
import { deferDirectorySyncs } from '../files/local-file-store.js';
import { commitPreparedFile, type PreparedFile, prepareStoredFile } from './blob-store.js';
import { type OnProgress, step } from './progress.js';
import type { MissingFile, ReferencedFile } from './snapshot-contents.js';
import { missingFileOf } from './snapshot-contents.js';

export interface RestoredFiles {
  counts: { copied: number; alreadyPresent: number; repaired: number };
  /** Rows whose file could not be put back: named by the backup's known problems, or found nowhere. */
  missing: MissingFile[];
}

/**
 * Copies a backup's files into the live store in two halves. `prepare` checks each live copy and
 * stages a checked copy from the blob store where one is needed; it changes nothing the live data
 * can see, so restore starts it from the manifest while it is still verifying the backup and the
 * two overlap. `commit`, after the safety backup, puts the staged copies in place. `abandon`
 * removes whatever was staged when the restore stops before that.
 */
export class RestoreFileCopy {
  /** Every key asked for, with its outcome once a worker has taken it. */
  private readonly prepared = new Map<string, Deferred<PreparedFile>>();
  private readonly queue: { key: string; sizeBytes: number }[] = [];
  private readonly workers = new Set<Promise<void>>();
  private readonly target: { store: FileStore; flush: () => Promise<void> };
  private bytesPrepared = 0;
  private onBytes: ((bytes: number) => void) | undefined;

  constructor(
    live: FileStore,
    private readonly blobs: FileStore,
  ) {
    this.target = deferDirectorySyncs(live);
  }

  /** Starts preparing `files` in the background (each key once, a few at a time). */
  prepare(files: readonly { key: string; sizeBytes: number }[]): void {
    for (const file of files) {
      if (this.prepared.has(file.key)) continue;
      this.prepared.set(file.key, deferred());
      this.queue.push(file);
    }
    while (this.workers.size < RESTORE_COPY_CONCURRENCY && this.queue.length > 0) {
      const worker = this.drainQueue();
      this.workers.add(worker);
      void worker.finally(() => this.workers.delete(worker));
    }
  }

  private async drainQueue(): Promise<void> {
    for (let file = this.queue.shift(); file; file = this.queue.shift()) {
      const { key, sizeBytes } = file;
      const slot = this.prepared.get(key) as Deferred<PreparedFile>;
      await prepareStoredFile(this.target.store, key, () => this.blobs.read(key)).then(slot.resolve, slot.reject);
      this.bytesPrepared += sizeBytes;
      this.onBytes?.(sizeBytes);
    }
  }

  /**
   * Waits for every file of `files` to be prepared, then puts them in place and makes the new
   * names durable. A file the backup should hold but does not stops the restore before the swap.
   */
  async commit(
    files: readonly ReferencedFile[],
    knownLost: ReadonlySet<string> | null,
    onProgress?: OnProgress,
  ): Promise<RestoredFiles> {
    this.prepare(files);
    const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
    const restored: RestoredFiles = { counts: { copied: 0, alreadyPresent: 0, repaired: 0 }, missing: [] };
    const record = (file: ReferencedFile, outcome: Awaited<ReturnType<typeof commitPreparedFile>>) => {
      if (outcome === 'present') restored.counts.alreadyPresent++;
      else if (outcome === 'copied') restored.counts.copied++;
      else if (outcome === 'repaired') restored.counts.repaired++;
      else if (knownLost && !knownLost.has(file.key)) {
        throw new AppError('BACKUP_INVALID', `Blob ${file.key} changed after verification; nothing was replaced.`);
      } else restored.missing.push(missingFileOf(file));
    };
    await step(
      onProgress,
      'Files',
      async (advance) => {
        advance(this.bytesPrepared);
        this.onBytes = advance;
        await Promise.all(files.map((f) => this.prepared.get(f.key)?.promise));
        this.onBytes = undefined;
        await forEachConcurrently(files, RESTORE_COPY_CONCURRENCY, async (file) => {
          const slot = this.prepared.get(file.key) as Deferred<PreparedFile>;
          this.prepared.delete(file.key);
          record(file, await commitPreparedFile(this.target.store, file.key, await slot.promise));
        });
        await this.target.flush();
      },
      { total, unit: 'bytes' },
    );
    return restored;
  }

  /** Stops preparing and removes every staged copy not put in place. Safe to call after `commit`. */
  async abandon(): Promise<void> {
    this.queue.length = 0;
    await Promise.all([...this.workers]);
    for (const slot of this.prepared.values()) {
      slot.resolve({ state: 'missing' }); // a key still queued: never staged
      const outcome = await slot.promise.catch(() => undefined);
      if (outcome?.state === 'staged') await this.target.store.discard(outcome.staged);
    }
    this.prepared.clear();
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Failures are seen by `commit`; until someone awaits, they must not count as unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
