import { describe, expect, it } from 'vitest';
import { validEnrollmentData } from '../../../test/support/fixtures.js';
import { validateEnrollment } from './validate-enrollment.js';

describe('validateEnrollment', () => {
  it('judges expiry against the date of each call, also when the schema is reused', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    const data = validEnrollmentData({
      insuranceExpiration: `${nextYear}-06-30`,
      registrationExpiration: `${nextYear + 1}-03-31`,
    });
    const before = new Date(`${nextYear}-06-30T12:00:00Z`);
    const after = new Date(`${nextYear}-07-01T12:00:00Z`);

    expect(validateEnrollment(data, before).insuranceExpiration).toBe(`${nextYear}-06-30`);
    expect(() => validateEnrollment(data, after)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(validateEnrollment(data, before).insuranceExpiration).toBe(`${nextYear}-06-30`);
  });
});
