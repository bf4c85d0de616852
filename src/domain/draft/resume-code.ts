import { createHash, randomInt } from 'node:crypto';

/**
 * A draft's resume code: 10 random characters of Crockford's base32 (50 bits), shown as
 * `XXXXX-XXXXX`. It is the only thing needed to continue a draft, so it is random, never
 * stored (only its SHA-256 is), and forgiving to type: any case, with or without the dash or
 * spaces, and the look-alikes O, I and L read as 0, 1 and 1, as Crockford's alphabet intends.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10;

/** A new code in canonical form (10 characters, no dash). */
export function newResumeCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The canonical code for what a person typed, or undefined if it cannot be a resume code. */
export function parseResumeCode(input: string): string | undefined {
  if (input.length > 40) return undefined;
  const canonical = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (canonical.length !== LENGTH) return undefined;
  for (const character of canonical) if (!ALPHABET.includes(character)) return undefined;
  return canonical;
}

/** `ABCDE-FGHJK`, as shown to the technician and used in URLs. */
export function formatResumeCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function hashResumeCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
