import type { Readable } from 'node:stream';
import { sha256Stream } from './durable-fs.js';
import type { FileStore } from './file-store.js';

/**
 * Opens a stored file for sending only after its bytes were hashed and match their key: a file
 * rotted on disk is never served as if it were the document. Files are immutable once stored,
 * so hashing first and then streaming sends the bytes that were checked.
 */
export async function readVerified(
  files: FileStore,
  key: string,
): Promise<{ status: 'ok'; stream: Readable } | { status: 'missing' } | { status: 'damaged' }> {
  if (!(await files.has(key))) return { status: 'missing' };
  let actual: string;
  try {
    actual = await sha256Stream(files.read(key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  if (actual !== key) return { status: 'damaged' };
  return { status: 'ok', stream: files.read(key) };
}
