import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Config, RemoteBackupConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import { forEachConcurrently } from '../../files/for-each-concurrently.js';
import { lockBackupStore } from '../backup-store-lock.js';
import { openBlobStore } from '../blob-store.js';
import { MANIFEST_FILE } from '../layout.js';
import { readManifest, readVerification } from '../manifest.js';
import { type OnProgress, step } from '../progress.js';
import { createWorkDir } from '../work-dir.js';
import { blobObjectName, loadOrCreateNamingKey, sealToFile } from './remote-crypto.js';
import { BLOBS_FOLDER, RECORDS_FOLDER, type RemoteContents, type RemoteRecord, recordNameOf } from './remote-record.js';
import { recordRemoteCopy } from './remote-status.js';
import { openRemoteTarget, type RemoteObject, type RemoteTarget } from './remote-target.js';
import { REMOTE_RETRY, type RetryOptions, withRetry } from './with-retry.js';

export interface RemoteCopySummary {
  name: string;
  remote: string;
  encrypted: boolean;
  /** false: the remote already listed this backup; nothing was sent. */
  copied: boolean;
  objectsSent: number;
  bytesSent: number;
  /** Blobs the remote already held (from earlier backups), not sent again. */
  blobsAlreadyThere: number;
}

const REMOTE_CONCURRENCY = 4;

/**
 * Copies one verified local backup off the machine: the blobs the remote lacks first, then the
 * snapshot, then the sealed contents, and the record that lists the backup LAST, so a copy cut
 * short at any point lists nothing (and the next run sends only what is still missing). Each
 * object is retried with backoff; a copy that still fails is recorded and thrown, and the local
 * backup is never touched.
 */
export function copyBackupToRemote(
  config: Config,
  backupName: string,
  options: { onProgress?: OnProgress; retry?: RetryOptions } = {},
): Promise<RemoteCopySummary> {
  const remote = config.backup.remote;
  if (!remote) throw new AppError('VALIDATION_FAILED', 'BACKUP_REMOTE is not set.', { field: 'BACKUP_REMOTE' });
  const backupsDir = config.paths.backups;
  return lockBackupStore(config, 'remote copy', async () => {
    const target = openRemoteTarget(remote);
    try {
      const summary = await copyLocked(config, remote, target, backupName, options);
      const createdAt = (await readManifestOrThrow(path.join(backupsDir, backupName))).createdAt;
      await recordRemoteCopy(backupsDir, {
        copied: { name: backupName, createdAt, copiedAt: new Date().toISOString() },
      });
      return summary;
    } catch (error) {
      const message = `Copying backup ${backupName} to ${remote.url} failed: ${describeError(error)}`;
      await recordRemoteCopy(backupsDir, { failed: { name: backupName, at: new Date().toISOString(), message } });
      throw new AppError('REMOTE_FAILED', `${message}. The local backup is kept.`, { cause: error });
    } finally {
      target.close();
    }
  });
}

async function copyLocked(
  config: Config,
  remote: RemoteBackupConfig,
  target: RemoteTarget,
  backupName: string,
  options: { onProgress?: OnProgress; retry?: RetryOptions },
): Promise<RemoteCopySummary> {
  const backupsDir = config.paths.backups;
  const dir = path.join(backupsDir, backupName);
  const manifest = await readManifestOrThrow(dir);
  const verification = await readVerification(dir);
  if (manifest.partial || verification?.ok === false) {
    throw new AppError('BACKUP_INVALID', `Backup ${backupName} is not verified, so it is not copied off the machine.`);
  }
  const retry = options.retry ?? REMOTE_RETRY;
  const summary: RemoteCopySummary = {
    name: backupName,
    remote: remote.url,
    encrypted: remote.encryptTo.length > 0,
    copied: false,
    objectsSent: 0,
    bytesSent: 0,
    blobsAlreadyThere: 0,
  };
  const records = await withRetry(() => target.list(RECORDS_FOLDER), retry);
  if (records.some((r) => r.name === recordNameOf(backupName))) return summary;

  const namingKey = await loadOrCreateNamingKey(backupsDir);
  const present = new Map<string, RemoteObject>();
  for (const object of await withRetry(() => target.list(BLOBS_FOLDER), retry)) present.set(object.name, object);
  const work = await createWorkDir(config.dataDir);
  try {
    const send = async (name: string, source: () => Readable, recipients = remote.encryptTo) => {
      const file = path.join(work.dir, name.replace(/\//g, '_'));
      const sealed = await sealToFile(source(), file, recipients);
      await withRetry(() => target.put(name, sealed), retry);
      summary.objectsSent++;
      summary.bytesSent += sealed.bytes;
      return { name, bytes: sealed.bytes };
    };
    const blobs = openBlobStore(backupsDir);
    const blobRefs: RemoteRecord['blobs'] = [];
    const total = manifest.totalFileBytes;
    await step(
      options.onProgress,
      'Off-machine copy › Files',
      async (advance) => {
        await forEachConcurrently(manifest.files, REMOTE_CONCURRENCY, async (file) => {
          const name = blobObjectName(namingKey, file.sha256);
          const existing = present.get(name);
          if (existing) summary.blobsAlreadyThere++;
          blobRefs.push(existing ? { name, bytes: existing.bytes } : await send(name, () => blobs.read(file.sha256)));
          advance(file.bytes);
        });
      },
      { total, unit: 'bytes' },
    );
    const snapshot = await step(options.onProgress, 'Off-machine copy › Database', () =>
      send(`snapshots/${backupName}`, () => createReadStream(path.join(dir, manifest.snapshot.file))),
    );
    const manifestText = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
    const contents: RemoteContents = { manifest: manifestText, namingKey };
    const contentsRef = await send(`contents/${backupName}`, () =>
      Readable.from([Buffer.from(JSON.stringify(contents))]),
    );
    const record: RemoteRecord = {
      format: 'byov-remote-backup',
      formatVersion: 1,
      name: backupName,
      kind: manifest.kind,
      createdAt: manifest.createdAt,
      copiedAt: new Date().toISOString(),
      encrypted: summary.encrypted,
      contents: contentsRef,
      snapshot,
      blobs: blobRefs.sort((a, b) => (a.name < b.name ? -1 : 1)),
    };
    // The record goes in the clear: it names objects and sizes only (see remote-record.ts).
    await send(recordNameOf(backupName), () => Readable.from([Buffer.from(JSON.stringify(record, null, 2))]), []);
    summary.copied = true;
    return summary;
  } finally {
    await work.remove();
  }
}

async function readManifestOrThrow(dir: string) {
  const read = await readManifest(dir);
  if (!read.ok) throw new AppError('BACKUP_INVALID', `Backup ${path.basename(dir)} cannot be copied: ${read.problem}`);
  return read.manifest;
}

/** Names the failure without any payload: SDK errors carry a name and an HTTP status. */
export function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const what = e.message ?? e.name ?? String(error);
  return status ? `${what} (HTTP ${status})` : what;
}
