import { describe, expect, it } from 'vitest';
import { PolicyTemplateError, parsePolicyTemplate, sha256Text } from './policy-template.js';

const template = (front: string, body = '# Policy\n\nDrive safely.\n') => `---\n${front}\n---\n${body}`;

describe('parsePolicyTemplate', () => {
  it('reads the front matter and hashes exactly the text it returns', () => {
    const parsed = parsePolicyTemplate(
      template('id: irs-rate\nversion: 2025-08-01\ntitle: "BYOV Policy"\nstates: [CA, Illinois, wa]'),
      'a.md',
    );
    expect(parsed).toMatchObject({ id: 'irs-rate', version: '2025-08-01', title: 'BYOV Policy' });
    expect(parsed.states).toEqual(['CA', 'IL', 'WA']);
    expect(parsed.text).toBe('# Policy\n\nDrive safely.');
    expect(parsed.sha256).toBe(sha256Text(parsed.text));
    expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts "*" and block lists, CRLF line endings and a BOM', () => {
    expect(parsePolicyTemplate(template('id: x\nversion: 1\ntitle: T\nstates: "*"'), 'b.md').states).toBe('*');
    const block = parsePolicyTemplate(
      '\uFEFF---\r\nid: y\r\nversion: 2\r\ntitle: T\r\nstates:\r\n  - TX\r\n  - NY  # comment\r\n---\r\nText\r\n',
      'c.md',
    );
    expect(block.states).toEqual(['TX', 'NY']);
    expect(block.text).toBe('Text');
  });

  it('changes the hash when one character of the text changes', () => {
    const a = parsePolicyTemplate(template('id: x\nversion: 1\ntitle: T\nstates: "*"', 'Rate: $0.57'), 'a.md');
    const b = parsePolicyTemplate(template('id: x\nversion: 1\ntitle: T\nstates: "*"', 'Rate: $0.58'), 'a.md');
    expect(a.sha256).not.toBe(b.sha256);
  });

  it.each([
    ['no front matter', '# Policy only', /front matter/],
    ['an unclosed front matter', '---\nid: x\n', /closing/],
    ['a missing version', template('id: x\ntitle: T\nstates: "*"'), /"version" is required/],
    ['an unknown key', template('id: x\nversion: 1\ntitle: T\nstate: "*"'), /unknown front matter key "state"/],
    ['a bad id', template('id: Fixed Rate\nversion: 1\ntitle: T\nstates: "*"'), /lower-case/],
    ['an unknown state', template('id: x\nversion: 1\ntitle: T\nstates: [CA, Ontario]'), /Ontario/],
    ['a state twice', template('id: x\nversion: 1\ntitle: T\nstates: [CA, California]'), /twice/],
    ['an empty text', template('id: x\nversion: 1\ntitle: T\nstates: "*"', '\n\n'), /empty/],
  ])('refuses %s, naming the file', (_name, content, problem) => {
    expect(() => parsePolicyTemplate(content, 'broken.md')).toThrow(PolicyTemplateError);
    expect(() => parsePolicyTemplate(content, 'broken.md')).toThrow(problem);
    expect(() => parsePolicyTemplate(content, 'broken.md')).toThrow(/broken\.md/);
  });
});
