import { randomBytes, randomInt } from 'node:crypto';

/**
 * A UUID version 7: the first 48 bits are the Unix time in milliseconds, so ids sort in creation
 * order on both engines without a database sequence (sequences would need resetting after every
 * cross-engine restore).
 */
export function newId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Crockford's base32 without I, L, O and U: easy to read aloud and to type from a phone.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short human reference such as `BYOV-7K3QM2XD`, shown to the technician after submitting. */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `BYOV-${code}`;
}
