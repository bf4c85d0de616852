import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';

/**
 * scrypt with N=2^15, r=8, p=1 (about 32 MB and a few tens of milliseconds per hash): costly
 * for someone guessing against a stolen copy, cheap enough for a sign-in. The parameters are
 * stored with every hash so they can be raised later without breaking existing passwords.
 */
const DEFAULT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';

/** `scrypt$N$r$p$<salt base64>$<key base64>`, with a fresh random salt per password. */
export async function hashPassword(password: string, params = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger)) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length === 0) return false;
  const actual = await derive(password, salt, expected.length, { N, r, p });
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash no password matches, checked when the email is unknown so that answering "wrong
 * email or password" takes as long either way and does not reveal which accounts exist.
 */
export function unmatchableHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64'));
  return dummyHash;
}

/**
 * scrypt runs on libuv's small thread pool (4 threads), which file reads and writes share. One
 * hash at a time keeps three of them free for file I/O however many sign-ins or setups arrive
 * at once; a queue longer than MAX_WAITING_HASHES is refused rather than left to grow.
 */
const MAX_WAITING_HASHES = 32;
let hashing: Promise<unknown> = Promise.resolve();
let waitingHashes = 0;

function derive(password: string, salt: Buffer, length: number, params: { N: number; r: number; p: number }) {
  if (waitingHashes >= MAX_WAITING_HASHES) {
    throw new AppError('RATE_LIMITED', 'Too many sign-ins at once. Try again in a minute.');
  }
  waitingHashes += 1;
  const result = hashing.then(() => {
    waitingHashes -= 1;
    return deriveNow(password, salt, length, params);
  });
  hashing = result.catch(() => undefined);
  return result;
}

function deriveNow(password: string, salt: Buffer, length: number, params: { N: number; r: number; p: number }) {
  // scrypt needs about 128·N·r bytes, which for N=2^15, r=8 already reaches Node's default ceiling.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
