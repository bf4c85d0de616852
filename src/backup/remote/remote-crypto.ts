import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter } from 'age-encryption';
import { AppError } from '../../errors.js';
import { fsyncPath, writeFileDurably } from '../../files/durable-fs.js';
import type { OutgoingFile } from './remote-target.js';

/**
 * Everything that leaves the machine passes through `sealToFile`: with age recipients it is
 * encrypted (age: X25519 + ChaCha20-Poly1305, authenticated per 64 KiB chunk), so the holder of
 * the bucket learns sizes and times only. The sealed bytes go to a local file first: their
 * SHA-256 and size are known before the upload, so the target can confirm them.
 */
export async function sealToFile(
  source: Readable,
  destination: string,
  recipients: readonly string[],
): Promise<OutgoingFile> {
  let body: Readable = source;
  if (recipients.length > 0) {
    const encrypter = new Encrypter();
    for (const recipient of recipients) encrypter.addRecipient(recipient);
    const sealed = await encrypter.encrypt(toWeb(source));
    body = Readable.fromWeb(sealed as unknown as WebReadableStream<Uint8Array>);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(body, count, createWriteStream(destination));
  await fsyncPath(destination);
  return { path: destination, sha256: hash.digest('hex'), bytes };
}

/** Thrown when the identity opens none of an object's recipients: the wrong key file. */
export class WrongIdentityError extends Error {}

/**
 * The plain bytes of a sealed object. A wrong identity fails here, before any byte is read;
 * tampered bytes fail the returned stream (age authenticates every chunk, and the end).
 */
export async function openSealed(sealed: Readable, identities: readonly string[] | null): Promise<Readable> {
  if (identities === null) return sealed;
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  try {
    const plain = await decrypter.decrypt(toWeb(sealed));
    return Readable.fromWeb(plain as unknown as WebReadableStream<Uint8Array>);
  } catch (error) {
    sealed.destroy();
    if (/no identity matched/i.test(String((error as Error).message))) {
      throw new WrongIdentityError('The identity does not match any recipient of this backup.');
    }
    throw error;
  }
}

function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  // Sources are byte streams (or Buffers in object mode); errors of the source reach the reader.
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

/** Reads an age identity file (as `byov keygen` or `age-keygen` write it): its secret key lines. */
export async function readIdentityFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `Cannot read the identity file ${file}.`, { field: 'identity' });
  }
  const keys = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('AGE-SECRET-KEY-'));
  if (keys.length === 0) {
    throw new AppError('VALIDATION_FAILED', `${file} holds no age identity (a line starting AGE-SECRET-KEY-).`, {
      field: 'identity',
    });
  }
  return keys;
}

/**
 * The secret that keys object names. A blob's name is HMAC-SHA256(naming key, its SHA-256), so
 * someone holding a known file cannot tell from the names whether it is in the bucket. It lives
 * in the backups folder (never sent in the clear) and inside every encrypted backup contents
 * object, so a restore on a bare machine learns it from the identity alone.
 */
const NAMING_KEY_FILE = '.remote-naming-key';

export async function loadNamingKey(backupsDir: string): Promise<string | undefined> {
  const text = await readFile(path.join(backupsDir, NAMING_KEY_FILE), 'utf8').catch(() => undefined);
  const key = text?.trim();
  return key && /^[0-9a-f]{64}$/.test(key) ? key : undefined;
}

export async function saveNamingKey(backupsDir: string, key: string): Promise<void> {
  const file = path.join(backupsDir, NAMING_KEY_FILE);
  await writeFileDurably(file, `${key}\n`);
  await chmod(file, 0o600);
}

export async function loadOrCreateNamingKey(backupsDir: string): Promise<string> {
  const existing = await loadNamingKey(backupsDir);
  if (existing) return existing;
  const key = randomBytes(32).toString('hex');
  await saveNamingKey(backupsDir, key);
  return key;
}

export function blobObjectName(namingKey: string, sha256: string): string {
  return `blobs/${createHmac('sha256', Buffer.from(namingKey, 'hex')).update(sha256).digest('hex')}`;
}
