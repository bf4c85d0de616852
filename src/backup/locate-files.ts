import type { FileStore } from '../files/file-store.js';
import { checkStoredFile } from './blob-store.js';
import { type OnProgress, step } from './progress.js';
import type { ReferencedFile } from './snapshot-contents.js';

/**
 * Finds which referenced files exist, intact, in at least one of `stores` (searched in order).
 * Used for databases without a manifest, whose files may be live or in the backup blob store.
 */
export async function locateFiles(
  files: ReferencedFile[],
  stores: FileStore[],
  onProgress?: OnProgress,
): Promise<{ missing: ReferencedFile[] }> {
  const missing: ReferencedFile[] = [];
  const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  await step(
    onProgress,
    'File hashes',
    async (advance) => {
      for (const file of files) {
        if (!(await isInAnyStore(file.key, stores))) missing.push(file);
        advance(file.sizeBytes);
      }
    },
    { total, unit: 'bytes' },
  );
  return { missing };
}

async function isInAnyStore(key: string, stores: FileStore[]): Promise<boolean> {
  for (const store of stores) if ((await checkStoredFile(store, key)) === 'ok') return true;
  return false;
}
