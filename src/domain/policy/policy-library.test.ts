import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/engines.js';
import { loadPolicyLibrary } from './load-policy-library.js';
import { PolicyLibrary } from './policy-library.js';
import { parsePolicyTemplate } from './policy-template.js';

const SHIPPED = path.resolve(import.meta.dirname, '../../../policies');

const make = (id: string, states: string, text = `Text of ${id}`) =>
  parsePolicyTemplate(`---\nid: ${id}\nversion: 1\ntitle: ${id}\nstates: ${states}\n---\n${text}\n`, `${id}.md`);

describe('the shipped policies', () => {
  it('give CA, IL and WA the IRS-rate policy and every other state the fixed-rate one', async () => {
    const library = await loadPolicyLibrary(SHIPPED);
    for (const state of ['CA', 'Illinois', 'wa']) expect(library.forState(state).id).toBe('irs-rate');
    for (const state of ['TX', 'New York', 'DC', 'Colorado']) expect(library.forState(state).id).toBe('fixed-rate');
  });

  it('state the mileage rate and the 35-minute commute rule in full', async () => {
    const library = await loadPolicyLibrary(SHIPPED);
    const irs = library.forState('IL');
    const fixed = library.forState('TX');
    expect(irs.text).toMatch(/standard mileage rate published by the IRS/);
    expect(fixed.text).toMatch(/\$0\.57 per mile/);
    for (const policy of [irs, fixed]) {
      expect(policy.text).toMatch(/first 35 minutes of your morning commute/);
      expect(policy.text).toMatch(/first 35 minutes of your afternoon commute/);
      expect(policy.text).toMatch(/driver's license/);
      expect(policy.text).toMatch(/minimum personal auto liability insurance/);
      expect(policy.text).toMatch(/at least once a year/);
      expect(policy.text).toMatch(/Ending participation/);
      expect(policy.version).not.toBe('');
    }
  });

  it('refuses a folder without templates, naming it', async () => {
    await expect(loadPolicyLibrary(path.join(SHIPPED, 'missing'))).rejects.toThrow(/POLICY_DIR/);
  });
});

describe('PolicyLibrary', () => {
  it('refuses an unknown state with a field-level validation error', () => {
    const library = new PolicyLibrary([make('a', '[CA]'), make('b', '"*"')]);
    expect(() => library.forState('Ontario')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'state' }),
    );
  });

  it.each([
    ['no default template', [make('a', '[CA]')], /"\*"/],
    ['two default templates', [make('a', '"*"'), make('b', '"*"')], /both/],
    ['a state in two templates', [make('a', '[CA]'), make('b', '[California, TX]'), make('c', '"*"')], /CA is also/],
    ['two templates with one id', [make('a', '[CA]'), make('a', '"*"')], /same id|this id/],
  ])('refuses %s', (_name, templates, problem) => {
    expect(() => new PolicyLibrary(templates)).toThrow(problem);
  });
});

describe('policies per language', () => {
  it('gives the Spanish translation where the company supplies one, and the English policy elsewhere', () => {
    const library = new PolicyLibrary([make('a', '[CA]'), make('b', '"*"')], {
      es: [make('a', '[CA]', 'Texto de a')],
    });
    expect(library.forState('CA', 'es')).toMatchObject({ id: 'a', language: 'es', text: 'Texto de a' });
    expect(library.forState('TX', 'es')).toMatchObject({ id: 'b', language: 'en', text: 'Text of b' });
    expect(library.forState('CA')).toMatchObject({ id: 'a', language: 'en', text: 'Text of a' });
    expect(library.forState('CA', 'es').sha256).not.toBe(library.forState('CA').sha256);
  });

  it('lists every policy that may be signed, each template in English and each translation, as plain data', () => {
    const library = new PolicyLibrary([make('a', '[CA]'), make('b', '"*"')], {
      es: [make('a', '[CA]', 'Texto de a')],
    });
    const signable = library.signable;
    expect(signable.map((p) => `${p.id}:${p.language}:${p.text}`)).toEqual([
      'a:en:Text of a',
      'b:en:Text of b',
      'a:es:Texto de a',
    ]);
    // The server copies them to each worker thread.
    expect(structuredClone(signable)).toEqual(signable);
  });

  it.each([
    ['a translation of no English template', [make('z', '[CA]')], /no English template has the id "z"/],
    ['a translation with other states', [make('a', '[TX]')], /must be the English template's/],
    ['two translations of one template', [make('a', '[CA]'), make('a', '[CA]')], /two templates translate/],
  ])('refuses %s', (_name, spanish, problem) => {
    expect(() => new PolicyLibrary([make('a', '[CA]'), make('b', '"*"')], { es: spanish })).toThrow(problem);
  });

  it('reads policies/es/ beside the English templates, and needs none', async () => {
    const temp = await makeTempDir('byov-policies-');
    try {
      await cp(SHIPPED, temp.dir, { recursive: true });
      expect((await loadPolicyLibrary(temp.dir)).forState('IL', 'es').language).toBe('en');
      await mkdir(path.join(temp.dir, 'es'));
      await writeFile(
        path.join(temp.dir, 'es', 'irs-rate.md'),
        '---\nid: irs-rate\nversion: 2025-08-01-es\ntitle: Política BYOV\nstates: [CA, IL, WA]\n---\n# Política\n',
      );
      await writeFile(path.join(temp.dir, 'es', 'README.md'), 'Traducciones.');
      const library = await loadPolicyLibrary(temp.dir);
      expect(library.forState('IL', 'es')).toMatchObject({ title: 'Política BYOV', language: 'es' });
      expect(library.forState('TX', 'es').language).toBe('en');
      await writeFile(path.join(temp.dir, 'es', 'broken.md'), 'no front matter');
      await expect(loadPolicyLibrary(temp.dir)).rejects.toThrow(/es\/broken\.md/);
    } finally {
      await temp.remove();
    }
  });
});
