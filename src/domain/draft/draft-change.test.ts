import { describe, expect, it } from 'vitest';
import { DRAFT_DATA_KEYS, parseDraftChange } from './draft-change.js';

describe('parseDraftChange', () => {
  it('knows every enrollment field', () => {
    for (const key of ['fullName', 'techId', 'vin', 'insuranceExpiration', 'policyAcknowledged', 'comment']) {
      expect(DRAFT_DATA_KEYS.has(key)).toBe(true);
    }
  });

  it('keeps values as they are, invalid or hostile ones included', () => {
    const data = { fullName: '<img src=x onerror=alert(1)>', year: 'not yet', industries: ['Cook'], vin: 'ABC' };
    expect(parseDraftChange({ step: 2, data })).toEqual({ step: 2, data: JSON.stringify(data) });
  });

  it('accepts an empty body and either field alone', () => {
    expect(parseDraftChange(undefined)).toEqual({});
    expect(parseDraftChange({})).toEqual({});
    expect(parseDraftChange({ step: 0 })).toEqual({ step: 0 });
    expect(parseDraftChange({ data: {} })).toEqual({ data: '{}' });
  });

  it("keeps the technician's language, English or Spanish only", () => {
    expect(parseDraftChange({ language: 'es' })).toEqual({ language: 'es' });
    expect(parseDraftChange({ step: 1, language: 'en' })).toEqual({ step: 1, language: 'en' });
    for (const language of ['fr', 'ES', '', 3]) {
      expect(() => parseDraftChange({ language })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it.each([
    [{ step: 5 }, 'VALIDATION_FAILED', 'step'],
    [{ step: 1.5 }, 'VALIDATION_FAILED', 'step'],
    [{ step: '1' }, 'VALIDATION_FAILED', 'step'],
    [{ data: [] }, 'VALIDATION_FAILED', 'data'],
    [{ data: 'text' }, 'VALIDATION_FAILED', 'data'],
    [{ data: { isAdmin: true } }, 'VALIDATION_FAILED', 'isAdmin'],
    [{ data: { comment: 'x'.repeat(33_000) } }, 'REQUEST_TOO_LARGE', 'data'],
    [{ resumeCode: 'X' }, 'VALIDATION_FAILED', 'resumeCode'],
  ])('refuses %j', (body, code, field) => {
    expect(() => parseDraftChange(body)).toThrow(expect.objectContaining({ code, field }));
  });

  it('refuses a body that is not an object', () => {
    expect(() => parseDraftChange([1])).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });
});
