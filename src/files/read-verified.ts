import type { Readable } from 'node:stream';
import { sha256Stream } from './durable-fs.js';
import type { ByteRange, FileStore } from './file-store.js';

/**
 * Opens a stored file (or one range of it) for sending only after the whole file was hashed and
 * matches its key: a file rotted on disk or in the bucket is never served as if it were the
 * document, not even a slice of it. Files are immutable once stored, so hashing first and then
 * streaming sends bytes that were checked. A range request therefore still reads the whole file
 * once; the cost is paid for the promise that damaged bytes never leave the server.
 */
export async function readVerified(
  files: FileStore,
  key: string,
  range?: ByteRange,
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
  return { status: 'ok', stream: files.read(key, range) };
}
