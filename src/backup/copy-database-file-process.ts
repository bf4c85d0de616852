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
import { copyFileHashing } from '../files/durable-fs.js';

/**
 * Bytes 18 and 19 of the header say 2 for a WAL database and 1 for a rollback-journal one; the
 * copy says 1, as `journal_mode = DELETE` would write, so that it opens anywhere (read-only,
 * or by hand with the sqlite3 CLI) without -wal and -shm files appearing beside it.
 */
function asRollbackJournalFile(head: Buffer): void {
  if (head[18] === 2 && head[19] === 2) head.fill(1, 18, 20);
}

async function main(): Promise<void> {
  process.stdin.on('end', () => process.exit(1)).resume();
  const [from, to, bytesText] = process.argv.slice(2);
  const bytes = Number(bytesText);
  if (!from || !to || !Number.isSafeInteger(bytes) || bytes <= 0) throw new Error('usage: <from> <to> <bytes>');
  // The source cannot change meanwhile: SQLite copies nothing into the database file while the
  // caller's read transaction lasts.
  const sha256 = await copyFileHashing(from, to, { bytes, rewriteHead: asRollbackJournalFile });
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
