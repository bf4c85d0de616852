/**
 * Off-machine backups to an S3-compatible server (s3rver on 127.0.0.1, in this process), age
 * encrypted, on a data folder of a SQLite database and stored files (BENCH_QUICK: 20 MB + 40 MB;
 * otherwise 100 MB + 400 MB):
 *
 *   first remote copy (every file) and second remote copy after 1% new files (bytes sent, with
 *   the first copy's bytes as baseline);
 *   a bare-machine restore (`restore --remote latest` into an empty data folder: download,
 *   decrypt, verify, restore) beside downloading the same objects with the SDK in the same run.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { createBackup } from '../../src/backup/create-backup.js';
import { copyBackupToRemote } from '../../src/backup/remote/copy-backup-to-remote.js';
import { restoreRemoteBackup } from '../../src/backup/remote/restore-remote-backup.js';
import { loadConfig } from '../../src/config.js';
import { createS3Client } from '../../src/files/s3-file-store.js';
import { openRuntime } from '../../src/runtime.js';
import { round } from '../lib/stats.js';
import { withTempDir } from '../lib/temp-dir.js';
import { type BenchSection, benchRow, type SectionResult } from '../lib/types.js';
import { addFiles, fillDatabase } from './backup/seed.js';

const SECTION = 'remote-backup';
const MB = 1024 * 1024;
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export const remoteBackupSection: BenchSection = {
  name: SECTION,
  description:
    'encrypted off-machine copies to S3 (s3rver): first and incremental copy, bare-machine restore vs SDK download',
  run: (context) =>
    withTempDir(SECTION, async (root): Promise<SectionResult> => {
      const dbBytes = (context.quick ? 20 : 100) * MB;
      const fileBytes = (context.quick ? 40 : 400) * MB;
      // @ts-expect-error s3rver ships no type declarations
      const { default: S3rver } = (await import('s3rver')) as unknown as {
        default: new (o: object) => { run(): Promise<{ port: number }>; close(): Promise<void> };
      };
      const server = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(root, 's3'), silent: true });
      const { port } = await server.run();
      const endpoint = `http://127.0.0.1:${port}`;
      const s3 = createS3Client(
        { bucket: 'bench', prefix: '', endpoint, region: 'us-east-1', forcePathStyle: true },
        CREDENTIALS,
      );
      try {
        await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
        const identity = await generateIdentity();
        const remoteEnv = {
          BACKUP_REMOTE: 's3://bench/offsite',
          BACKUP_REMOTE_ENDPOINT: endpoint,
          BACKUP_REMOTE_FORCE_PATH_STYLE: 'true',
          BACKUP_REMOTE_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
          BACKUP_REMOTE_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
          BACKUP_ENCRYPT_TO: await identityToRecipient(identity),
        };
        const dataDir = path.join(root, 'data');
        const dbFile = path.join(dataDir, 'byov.db');
        const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: `sqlite:${dbFile}`, ...remoteEnv });
        await (await openRuntime(config, { migrate: true })).close();
        context.log(`${SECTION}: filling ${dbBytes / MB} MB of database and ${fileBytes / MB} MB of files`);
        const fill = fillDatabase(dbFile, dbBytes, context.log);
        const files = await addFiles(dataDir, dbFile, {
          bytes: fileBytes,
          enrollmentIds: fill.enrollmentIds,
          firstDocument: 0,
          seed: 11,
        });

        const backupAndCopy = async () => {
          const runtime = await openRuntime(config, { migrate: false });
          let name: string;
          try {
            name = (await createBackup(runtime, { kind: 'manual' })).name;
          } finally {
            await runtime.close();
          }
          const started = performance.now();
          const copy = await copyBackupToRemote(config, name);
          return { copy, seconds: (performance.now() - started) / 1000 };
        };
        context.log(`${SECTION}: first remote copy`);
        const first = await backupAndCopy();
        const added = await addFiles(dataDir, dbFile, {
          bytes: Math.max(MB, Math.round(fileBytes * 0.01)),
          enrollmentIds: fill.enrollmentIds,
          firstDocument: files.files,
          seed: 12,
        });
        context.log(`${SECTION}: second remote copy after ${added.files} new files`);
        const second = await backupAndCopy();

        context.log(`${SECTION}: SDK download of every object (baseline)`);
        const sdkStarted = performance.now();
        let sdkBytes = 0;
        let token: string | undefined;
        do {
          const page = await s3.send(
            new ListObjectsV2Command({ Bucket: 'bench', Prefix: 'offsite/', ContinuationToken: token }),
          );
          for (const object of page.Contents ?? []) {
            const body = (await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: object.Key }))).Body;
            const hash = createHash('sha256');
            for await (const chunk of body as AsyncIterable<Buffer>) {
              hash.update(chunk);
              sdkBytes += chunk.length;
            }
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        const sdkSeconds = (performance.now() - sdkStarted) / 1000;

        context.log(`${SECTION}: bare-machine restore (restore --remote latest into an empty data folder)`);
        const bareDir = path.join(root, 'bare');
        const identityFile = path.join(root, 'identity.txt');
        await writeFile(identityFile, `${identity}\n`);
        const bare = loadConfig({
          DATA_DIR: bareDir,
          DATABASE_URL: `sqlite:${path.join(bareDir, 'byov.db')}`,
          ...remoteEnv,
        });
        const restoreStarted = performance.now();
        const restored = await restoreRemoteBackup(bare, 'latest', [identity]);
        const restoreSeconds = (performance.now() - restoreStarted) / 1000;

        const firstMb = { name: 'first copy, MB sent', value: round(first.copy.bytesSent / MB, 2) };
        const sdk = { name: 'SDK download of the same objects, s', value: round(sdkSeconds, 2) };
        return {
          rows: [
            benchRow(SECTION, 'first remote copy', round(first.seconds, 2), 's', sdk),
            benchRow(SECTION, 'first remote copy, MB sent', firstMb.value, 'MB', {
              name: 'database + files, MB',
              value: round((fill.bytes + files.bytes) / MB, 2),
            }),
            benchRow(
              SECTION,
              'second copy after 1% new files, MB sent',
              round(second.copy.bytesSent / MB, 2),
              'MB',
              firstMb,
            ),
            benchRow(SECTION, 'second remote copy', round(second.seconds, 2), 's', {
              name: 'first copy, s',
              value: round(first.seconds, 2),
            }),
            benchRow(
              SECTION,
              'bare-machine restore (download, decrypt, verify, restore)',
              round(restoreSeconds, 2),
              's',
              sdk,
            ),
          ],
          details: {
            databaseMb: round(fill.bytes / MB, 1),
            filesMb: round(files.bytes / MB, 1),
            files: files.files,
            newFiles: added.files,
            first: first.copy,
            second: second.copy,
            sdkDownloadedMb: round(sdkBytes / MB, 1),
            restoredEnrollments: restored.enrollments,
            restoredDocuments: restored.documents,
          },
        };
      } finally {
        s3.destroy();
        await server.close();
      }
    }),
};
