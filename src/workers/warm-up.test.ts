import { describe, expect, it } from 'vitest';
import { PolicyLibrary } from '../domain/policy/policy-library.js';
import type { PolicyTemplate } from '../domain/policy/policy-template.js';
import { warmUpFor, warmUpThread } from './warm-up.js';

const template = (id: string, states: PolicyTemplate['states'], text: string): PolicyTemplate => ({
  id,
  version: '2026-01',
  title: `Policy ${id}`,
  states,
  text,
  sha256: id.repeat(8),
});

describe('warming up a pool thread', () => {
  it('prepares for every policy that may be signed: each template in English and each translation', () => {
    const library = new PolicyLibrary([template('default', '*', '# Default'), template('texas', ['TX'], '# Texas')], {
      es: [template('texas', ['TX'], '# Tejas')],
    });

    const input = warmUpFor(library);

    expect(input.policies.map((p) => `${p.id}:${p.language}:${p.text}`)).toEqual([
      'default:en:# Default',
      'texas:en:# Texas',
      'texas:es:# Tejas',
    ]);
    // It crosses to each thread as plain data, without what only the library uses.
    expect(structuredClone(input)).toEqual(input);
    expect(input.policies[0]).not.toHaveProperty('states');
  });

  it('never fails the thread: a policy it cannot lay out is left to the job that needs it', async () => {
    const broken = { ...template('broken', '*', ''), text: undefined as unknown as string, language: 'en' as const };

    await expect(warmUpThread({ policies: [broken] })).resolves.toBeUndefined();
    await expect(warmUpThread(undefined)).resolves.toBeUndefined();
  });
});
