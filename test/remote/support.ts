/**
 * Shared helpers for the off-machine backup tests: a remote (a folder or a bucket on the test
 * S3 server) with its settings, an age identity made by `byov keygen`, and raw access to every
 * object for scans and damage.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { openRemoteTarget, type RemoteTarget } from '../../src/backup/remote/remote-target.js';
import { loadConfig } from '../../src/config.js';
import { runByov } from '../backup/support.js';
import { makeTempDir } from '../support/engines.js';
import { createTestBucket, S3_TEST_CREDENTIALS } from '../support/s3-server.js';

export type RemoteKind = 'file' | 's3';

export interface TestRemote {
  env: Record<string, string>;
  identityFile: string;
  recipient: string;
  /** The remote seen directly (never through a test proxy). */
  open(): RemoteTarget;
  dispose(): Promise<void>;
}

export async function createTestRemote(kind: RemoteKind, endpointOverride?: string): Promise<TestRemote> {
  const temp = await makeTempDir('byov-remote-');
  const identityFile = path.join(temp.dir, 'identity.txt');
  const keygen = await runByov(['keygen', '--output', identityFile, '--json'], {});
  if (keygen.code !== 0) throw new Error(`keygen failed: ${keygen.stdout}${keygen.stderr}`);
  const recipient = JSON.parse(keygen.stdout).recipient as string;
  let env: Record<string, string>;
  if (kind === 'file') {
    env = { BACKUP_REMOTE: `file://${path.join(temp.dir, 'share')}` };
  } else {
    const { settings } = await createTestBucket('');
    env = {
      BACKUP_REMOTE: `s3://${settings.bucket}/offsite`,
      BACKUP_REMOTE_ENDPOINT: settings.endpoint as string,
      BACKUP_REMOTE_FORCE_PATH_STYLE: 'true',
      BACKUP_REMOTE_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
      BACKUP_REMOTE_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
    };
  }
  env.BACKUP_ENCRYPT_TO = recipient;
  const direct = { ...env };
  if (endpointOverride) env.BACKUP_REMOTE_ENDPOINT = endpointOverride;
  return {
    env,
    identityFile,
    recipient,
    open: () => {
      const remote = loadConfig({ DATA_DIR: temp.dir, ...direct }).backup.remote;
      if (!remote) throw new Error('no remote');
      return openRemoteTarget(remote);
    },
    dispose: temp.remove,
  };
}

export async function listAllObjects(target: RemoteTarget): Promise<string[]> {
  const names: string[] = [];
  for (const folder of ['backups/', 'blobs/', 'contents/', 'snapshots/']) {
    for (const object of await target.list(folder)) names.push(object.name);
  }
  return names.sort();
}

export async function readObject(target: RemoteTarget, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of target.read(name)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Replaces an object's bytes (a flipped byte, say) the way a damaged disk or a tamperer would. */
export async function overwriteObject(target: RemoteTarget, name: string, bytes: Buffer, workDir: string) {
  const file = path.join(workDir, 'overwrite.bin');
  await writeFile(file, bytes);
  await target.put(name, {
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  });
}

export async function readJson(target: RemoteTarget, name: string): Promise<unknown> {
  return JSON.parse(await text(target.read(name)));
}
