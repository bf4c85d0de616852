import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors.js';
import { forEachConcurrently } from '../../files/for-each-concurrently.js';
import { copyVerified, openBlobStore } from '../blob-store.js';
import { MANIFEST_FILE } from '../layout.js';
import { readManifest } from '../manifest.js';
import { type OnProgress, step } from '../progress.js';
import type { BackupSource } from '../resolve-backup.js';
import { createWorkDir } from '../work-dir.js';
import { describeError } from './copy-backup-to-remote.js';
import { blobObjectName, openSealed, WrongIdentityError } from './remote-crypto.js';
import { type RemoteContents, RemoteContentsSchema, type RemoteRecord, readRecord } from './remote-record.js';
import type { RemoteTarget } from './remote-target.js';
import { REMOTE_RETRY, withRetry } from './with-retry.js';

export interface FetchedBackup {
  record: RemoteRecord | null;
  /** One sentence per object that is missing, damaged or cannot be opened; empty when all arrived. */
  problems: string[];
  /** The backup rebuilt as a local backup folder (in a work folder), for local verify and restore. */
  source: Extract<BackupSource, { type: 'managed' }> | null;
  contents: RemoteContents | null;
  remove(): Promise<void>;
}

/**
 * Downloads a remote backup into a scratch backups folder, opening (decrypting) every object and
 * checking every file against its SHA-256 on the way in. Problems are collected, not thrown, so
 * `verify --remote` names all of them: a missing object, a damaged one, the wrong identity.
 */
export async function fetchRemoteBackup(
  dataDir: string,
  target: RemoteTarget,
  backupName: string,
  identities: readonly string[] | null,
  onProgress?: OnProgress,
): Promise<FetchedBackup> {
  const work = await createWorkDir(dataDir);
  const fail = (problem: string, record: RemoteRecord | null = null): FetchedBackup => ({
    record,
    problems: [problem],
    source: null,
    contents: null,
    remove: work.remove,
  });
  try {
    const read = await withRetry(() => readRecord(target, backupName), REMOTE_RETRY);
    if (!read.ok) return fail(read.problem);
    const record = read.record;
    if (record.encrypted && identities === null) {
      throw new AppError('VALIDATION_FAILED', `Backup ${backupName} is encrypted: pass --identity FILE.`, {
        field: 'identity',
      });
    }
    const open = async (name: string) => openSealed(target.read(name), record.encrypted ? identities : null);
    let contents: RemoteContents;
    try {
      contents = RemoteContentsSchema.parse(JSON.parse(await text(await open(record.contents.name))));
    } catch (error) {
      if (error instanceof WrongIdentityError) {
        return fail(`Wrong identity: it cannot open backup ${backupName} (${error.message})`, record);
      }
      return fail(`Object ${record.contents.name} (the backup's contents) ${objectProblem(error)}.`, record);
    }
    const dir = path.join(work.dir, backupName);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, MANIFEST_FILE), contents.manifest);
    const manifestRead = await readManifest(dir);
    if (!manifestRead.ok) return fail(`The backup's contents hold no valid manifest: ${manifestRead.problem}`, record);
    const manifest = manifestRead.manifest;
    const problems: string[] = [];
    await step(onProgress, 'Download › Database', async () => {
      try {
        await pipeline(await open(record.snapshot.name), createWriteStream(path.join(dir, manifest.snapshot.file)));
      } catch (error) {
        problems.push(`Object ${record.snapshot.name} (the database snapshot) ${objectProblem(error)}.`);
      }
    });
    const listed = new Set(record.blobs.map((b) => b.name));
    const blobs = openBlobStore(work.dir);
    await step(
      onProgress,
      'Download › Files',
      async (advance) => {
        await forEachConcurrently(manifest.files, 4, async (file) => {
          const name = blobObjectName(contents.namingKey, file.sha256);
          const what = `Object ${name} (file ${file.sha256})`;
          if (!listed.has(name)) problems.push(`${what} is not named by the backup's record.`);
          try {
            const outcome = await copyVerified(blobs, file.sha256, await open(name));
            if (outcome.status === 'missing') problems.push(`${what} is missing from the remote.`);
            if (outcome.status === 'mismatch') problems.push(`${what} is damaged: its bytes do not match their hash.`);
          } catch (error) {
            problems.push(`${what} ${objectProblem(error)}.`);
          }
          advance(file.bytes);
        });
      },
      { total: manifest.totalFileBytes, unit: 'bytes' },
    );
    return {
      record,
      problems,
      contents,
      source: { type: 'managed', name: backupName, dir, backupsDir: work.dir },
      remove: work.remove,
    };
  } catch (error) {
    await work.remove();
    throw error;
  }
}

function objectProblem(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'is missing from the remote';
  return `is damaged: it cannot be opened (${describeError(error)})`;
}
