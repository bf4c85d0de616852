import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger.js';

describe('redactUrl', () => {
  it.each([
    ['/api/admin/enrollments?search=Jane', '/api/admin/enrollments'],
    ['/api/vin/1HGCM82633A004352', '/api/vin/***'],
    ['/api/drafts/ABCDE-FGHJK', '/api/drafts/***'],
    ['/api/drafts/ABCDE-FGHJK/files/0193-abc', '/api/drafts/***/files/0193-abc'],
    ['/api/drafts/ABCDE-FGHJK/submit', '/api/drafts/***/submit'],
    ['/api/drafts', '/api/drafts'],
    ['/api/enrollments/0193/policy.pdf?token=abc', '/api/enrollments/0193/policy.pdf'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
