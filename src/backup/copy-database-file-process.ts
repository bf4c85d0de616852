/**
 * Child-process entry of `copyDatabaseFile` in snapshot-sqlite.ts: copies the first `bytes`
 * bytes of a live SQLite database file, hashes them, and prints `{"sha256": …}` or
 * `{"error": {code, message}}` as one JSON line.
 *
 * It is a process of its own because closing a file descriptor drops every POSIX lock its
 * process holds on that file, SQLite's included. Read from the server's process, the copy would
 * leave its SQLite connections unlocked, and another process closing its own connection would
 * then take itself for the last one and fold the write-ahead log away under them
 * (https://sqlite.org/howtocorrupt.html, section 2.2).
 *
 * Usage: node copy-database-file-process.js <from> <to> <bytes>. It stops when its standard
 * input closes, so that it never outlives the process that started it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { READ_CHUNK_BYTES } from '../files/durable-fs.js';

/** Bytes 18 and 19 of the header say 2 for a WAL database and 1 for a rollback-journal one. */
const FORMAT_OFFSET = 18;
const WAL_FORMAT = 2;
const ROLLBACK_JOURNAL_FORMAT = 1;

/**
 * The kernel copies the file (copy_file_range: nothing passes through this process) while this
 * process hashes the same bytes from the page cache: on two cores the pair costs about what
 * either costs alone, a third of one stream that hashes what it writes. The source cannot
 * change meanwhile: SQLite copies nothing into the database file while the caller's read
 * transaction lasts.
 *
 * The copy says 1 in bytes 18 and 19, as `journal_mode = DELETE` would write, so that it opens
 * anywhere (read-only, or by hand with the sqlite3 CLI) without -wal and -shm files appearing
 * beside it; the hash covers the bytes as changed.
 */
async function copyDatabaseFile(from: string, to: string, bytes: number): Promise<string> {
  const [, sha256] = await Promise.all([copyPrefix(from, to, bytes), hashPrefix(from, bytes)]);
  return sha256;
}

async function copyPrefix(from: string, to: string, bytes: number): Promise<void> {
  await copyFile(from, to);
  const copy = await open(to, 'r+');
  try {
    if ((await copy.stat()).size > bytes) await copy.truncate(bytes);
    const format = Buffer.alloc(2);
    await copy.read(format, 0, 2, FORMAT_OFFSET);
    if (isWalFormat(format)) await copy.write(Buffer.alloc(2, ROLLBACK_JOURNAL_FORMAT), 0, 2, FORMAT_OFFSET);
    await copy.sync();
  } finally {
    await copy.close();
  }
}

async function hashPrefix(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES, end: bytes - 1 })) {
    const part = chunk as Buffer;
    if (first && isWalFormat(part.subarray(FORMAT_OFFSET))) {
      part.fill(ROLLBACK_JOURNAL_FORMAT, FORMAT_OFFSET, FORMAT_OFFSET + 2);
    }
    first = false;
    hash.update(part);
  }
  return hash.digest('hex');
}

function isWalFormat(format: Buffer): boolean {
  return format[0] === WAL_FORMAT && format[1] === WAL_FORMAT;
}

async function main(): Promise<void> {
  process.stdin.on('end', () => process.exit(1)).resume();
  const [from, to, bytesText] = process.argv.slice(2);
  const bytes = Number(bytesText);
  if (!from || !to || !Number.isSafeInteger(bytes) || bytes <= 0) throw new Error('usage: <from> <to> <bytes>');
  const sha256 = await copyDatabaseFile(from, to, bytes);
  process.stdout.write(`${JSON.stringify({ sha256 })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const described = { code: typeof code === 'string' ? code : undefined, message: String(message ?? error) };
    process.stdout.write(`${JSON.stringify({ error: described })}\n`);
    process.exit(1);
  },
);
