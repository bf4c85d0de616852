import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { openBlobStore } from '../../../backup/blob-store.js';
import { readBackupManifest } from '../../../backup/list-backups.js';
import { AppError } from '../../../errors.js';
import { findBackup } from './find-backup.js';

/**
 * One backup as a `.tar.gz` stream: its folder plus the blobs its manifest lists, laid out as
 * in `data/backups/` (`<name>/…`, `blobs/ab/<sha256>`), so unpacking it into another machine's
 * backups folder gives a backup `byov verify` and `byov restore` accept. Made by the system
 * `tar` as it is sent (nothing is staged on disk or held in memory).
 */
export async function archiveBackup(backupsDir: string, name: string): Promise<{ filename: string; stream: Readable }> {
  const listing = await findBackup(backupsDir, name);
  const manifest = await readBackupManifest(listing);
  const blobs = openBlobStore(backupsDir);
  const entries = [listing.name];
  for (const file of manifest.files) {
    if (!(await blobs.has(file.sha256))) {
      throw new AppError('BACKUP_INVALID', 'A file of this backup is missing; run a verification for the details.');
    }
    entries.push(path.relative(backupsDir, blobs.pathOf(file.sha256)));
  }
  return { filename: `${listing.name}.tar.gz`, stream: runTar(backupsDir, entries) };
}

function runTar(cwd: string, entries: string[]): Readable {
  // Names go through stdin, NUL-separated: no limit on their number, no quoting issues.
  const tar = spawn('tar', ['--create', '--gzip', '--file=-', '--null', '--files-from=-'], {
    cwd,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const output = new PassThrough();
  tar.stdout.pipe(output, { end: false });
  // Only a tar that finished cleanly ends the download; otherwise the client sees a broken
  // transfer rather than an archive that looks complete but is not.
  tar.once('close', (code) => (code === 0 ? output.end() : output.destroy(new Error(`tar exited with ${code}`))));
  tar.once('error', (error) => output.destroy(error));
  output.once('close', () => {
    if (tar.exitCode === null) tar.kill();
  });
  tar.stdin.end(`${entries.join('\0')}\0`);
  return output;
}
