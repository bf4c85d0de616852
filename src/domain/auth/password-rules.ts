import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../errors.js';

export const MIN_PASSWORD_LENGTH = 12;
/** Far above any passphrase; bounds the work one request can ask of the hash. */
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;

/**
 * The ~50,000 most common passwords from breach corpora, as bundled by `@zxcvbn-ts`
 * (lower case). Loaded on first use.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common;
}

/**
 * The rules a new password must meet, each with a message naming the rule that failed: long
 * enough, not only spaces, not one or two characters repeated, and not a common password, also
 * when it is only decorated (a common word with digits or symbols around it, repeated, or in
 * another case).
 */
export function assertPasswordAcceptable(password: string): void {
  const fail = (message: string) => new AppError('VALIDATION_FAILED', message, { field: 'password' });
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw fail(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw fail(`A password can be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  if (password.trim() === '') throw fail('A password cannot be only spaces.');
  if (new Set(password.toLowerCase()).size < 4) {
    throw fail('This password repeats too few different characters; use at least four different ones.');
  }
  if (isCommonPassword(password)) {
    throw fail('This password is too common (it appears in lists of breached passwords). Choose another one.');
  }
}

function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  const candidates = new Set([lower, lower.replace(/\s+/g, '')]);
  // The word under its decoration: "Password2024!", "!!qwerty!!".
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length >= 4) candidates.add(core);
  // A short word said again: "passwordpassword", "abc123abc123".
  const repeated = /^(.+?)\1+$/.exec(lower)?.[1];
  if (repeated) candidates.add(repeated);
  return [...candidates].some((candidate) => list.has(candidate));
}
