import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';
import { assertPasswordAcceptable } from './password-rules.js';

describe('password hashing', () => {
  it('stores scrypt parameters and a per-password salt, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
  });

  it('verifies hashes made with other parameters (they are read from the hash)', async () => {
    const cheap = await hashPassword('another long password', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('another long password', cheap)).toBe(true);
  });

  it('rejects anything that is not one of its hashes', async () => {
    for (const stored of ['', 'plain-text-password', 'scrypt$x$8$1$c2FsdA==$a2V5', 'bcrypt$2b$10$abc$def$ghi']) {
      expect(await verifyPassword('plain-text-password', stored), stored).toBe(false);
    }
  });

  it('requires at least 12 characters', () => {
    expect(() => assertPasswordAcceptable('eleven char')).toThrow(/at least 12/);
    expect(() => assertPasswordAcceptable('twelve chars')).not.toThrow();
  });

  it('refuses only spaces, too few different characters, and common passwords, naming the rule', () => {
    const refused: [string, RegExp][] = [
      [' '.repeat(12), /only spaces/],
      ['\t \n'.repeat(4), /only spaces/],
      ['aaaaaaaaaaaa', /different characters/],
      ['abababababab', /different characters/],
      ['123qweasdzxc', /too common/],
      ['Password2024!', /too common/],
      ['!!Sunshine!!1234', /too common/],
      ['qwertyqwertyqwerty', /too common/],
      ['LETMEIN12345', /too common/],
    ];
    for (const [password, rule] of refused) {
      expect(() => assertPasswordAcceptable(password), JSON.stringify(password)).toThrow(rule);
    }
    for (const password of ['correct horse battery staple', 'a long admin passphrase', 'Tr0ub4dor&3 cab']) {
      expect(() => assertPasswordAcceptable(password), password).not.toThrow();
    }
  });
});
