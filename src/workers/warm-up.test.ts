import { describe, expect, it } from 'vitest';
import { warmUpThread } from './warm-up.js';

describe('warming up a pool thread', () => {
  it('never fails the thread: a policy it cannot lay out is left to the job that needs it', async () => {
    const broken = {
      id: 'broken',
      version: '1',
      title: 'Broken',
      text: undefined as unknown as string,
      sha256: 'x',
      language: 'en' as const,
    };

    await expect(warmUpThread({ policies: [broken] })).resolves.toBeUndefined();
    await expect(warmUpThread(undefined)).resolves.toBeUndefined();
  });
});
