import { AppError } from '../../errors.js';

/**
 * Where the first NUL character (U+0000) sits in a parsed JSON value or query: the dotted path of
 * the key, or undefined when there is none. PostgreSQL cannot store NUL in text (SQLite can), so
 * the product refuses it everywhere: both engines then behave alike, and no stored draft can
 * hold a value that would later fail to submit. Walks without recursion, so deeply nested input
 * cannot overflow the stack.
 */
export function findNulCharacter(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/** VALIDATION_FAILED naming the field when `value` holds a NUL character anywhere. */
export function assertNoNulCharacter(value: unknown, fieldPrefix?: string): void {
  const found = findNulCharacter(value);
  if (found === undefined) return;
  const field = [fieldPrefix, found].filter(Boolean).join('.') || undefined;
  throw new AppError(
    'VALIDATION_FAILED',
    'The text contains a NUL character (\\u0000), which is not allowed. Remove it and try again.',
    field ? { field } : {},
  );
}
