import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Runs `work` with a fresh directory under the OS temp dir (set TMPDIR to bench another disk)
 * and removes it afterwards, whatever happens.
 */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), `byov-bench-${prefix}-`));
  try {
    return await work(dir);
  } finally {
    // Retried: a process the work started (a server's backup copy) may still be finishing its
    // last file. A removal that still fails is reported, not thrown, so that it never hides
    // the reason the work failed.
    await rm(dir, { recursive: true, force: true, maxRetries: 5 }).catch((error: Error) => {
      console.error(`could not remove ${dir}: ${error.message}`);
    });
  }
}
