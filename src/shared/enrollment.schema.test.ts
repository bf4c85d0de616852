import { describe, expect, it } from 'vitest';
import { firstIssue, INDUSTRIES, isRealIsoDate, makeEnrollmentSchema } from './enrollment.schema.js';

const TODAY = '2026-03-01';
const schema = makeEnrollmentSchema({ today: TODAY, currentYear: 2026 });

const VALID_PAYLOAD = {
  fullName: '  Łukasz Nuñez ',
  techId: 'ab-1234',
  district: ' North 7 ',
  state: 'new  york',
  referredBy: '   ',
  industries: ['Cook', 'HVAC'],
  email: '  Lukasz.Nunez@Example.COM ',
  phone: '+1 (555) 010-2030',
  vin: ' 1hgcm82633a004352 ',
  year: '2003',
  make: 'Honda',
  model: 'Accord',
  color: '',
  plate: 'ABC 123',
  insuranceProvider: 'Acme Mutual',
  insurancePolicyNumber: 'POL-9',
  insuranceExpiration: '2026-09-30',
  registrationExpiration: TODAY,
  comment: '',
  policyAcknowledged: true,
};

/** Parses the valid payload with some fields changed (undefined removes a field). */
function rejectionOf(changes: Record<string, unknown>): { field: string; message: string } {
  const payload: Record<string, unknown> = { ...VALID_PAYLOAD, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete payload[key];
  const result = schema.safeParse(payload);
  if (result.success) throw new Error('expected the payload to be rejected');
  return firstIssue(result.error);
}

describe('a valid enrollment', () => {
  it('parses and comes out normalised', () => {
    expect(schema.parse(VALID_PAYLOAD)).toEqual({
      fullName: 'Łukasz Nuñez',
      techId: 'AB-1234',
      district: 'North 7',
      state: 'NY',
      referredBy: undefined,
      industries: ['Cook', 'HVAC'],
      email: 'lukasz.nunez@example.com',
      phone: '+1 (555) 010-2030',
      vin: '1HGCM82633A004352',
      year: 2003,
      make: 'Honda',
      model: 'Accord',
      color: undefined,
      plate: 'ABC 123',
      insuranceProvider: 'Acme Mutual',
      insurancePolicyNumber: 'POL-9',
      insuranceExpiration: '2026-09-30',
      registrationExpiration: TODAY,
      comment: undefined,
      policyAcknowledged: true,
    });
  });

  it('needs none of the optional fields, and industries default to none', () => {
    const minimal = { ...VALID_PAYLOAD, year: 2003, state: 'DC' } as Record<string, unknown>;
    for (const key of ['referredBy', 'industries', 'phone', 'color', 'plate', 'comment']) delete minimal[key];
    for (const key of ['insuranceProvider', 'insurancePolicyNumber']) delete minimal[key];
    const parsed = schema.parse(minimal);
    expect(parsed.industries).toEqual([]);
    expect(parsed.phone).toBeUndefined();
    expect(parsed.state).toBe('DC');
  });

  it('accepts every industry and the later year of the VIN cycle', () => {
    const parsed = schema.parse({
      ...VALID_PAYLOAD,
      industries: [...INDUSTRIES],
      vin: '5YJ3E1EA2KF317000',
      year: 2019,
    });
    expect(parsed.industries).toHaveLength(INDUSTRIES.length);
  });
});

describe('the VIN', () => {
  it.each([
    ['wrong length', '1HGCM82633A00435', 'A VIN has 17 characters; this one has 16.'],
    ['forbidden letter', '1HGCM82633A0O4352', 'the letter O'],
    ['wrong check digit', '1HGCN82633A004352', 'The check digit (9th character)'],
  ])('rejects a %s without echoing it', (_kind, vin, expected) => {
    const { field, message } = rejectionOf({ vin });
    expect(field).toBe('vin');
    expect(message).toContain(expected);
    expect(message).not.toContain(vin);
  });

  it('rejects a 10th character that is no model-year code', () => {
    const { field, message } = rejectionOf({ vin: '1HGCM8261UA004352' });
    expect(field).toBe('vin');
    expect(message).toContain('10th character');
  });
});

describe('the model year', () => {
  it.each([1980, 2028])('rejects %i as out of range', (year) => {
    expect(rejectionOf({ year, vin: '1HGCM82633A004352' })).toEqual({
      field: 'year',
      message: 'Model year must be between 1981 and 2027.',
    });
  });

  it('must agree with the VIN', () => {
    expect(rejectionOf({ year: 2005 })).toEqual({
      field: 'year',
      message: 'The VIN says model year 2003 or 2033, not 2005.',
    });
  });

  it.each(['abc', '', '2003.5', 2003.5])('rejects %j as not a whole number', (year) => {
    expect(rejectionOf({ year }).field).toBe('year');
    expect(rejectionOf({ year }).message).toBe('Enter the model year as a number, like 2019.');
  });

  it('says when it is missing', () => {
    expect(rejectionOf({ year: undefined })).toEqual({ field: 'year', message: 'Model year is required.' });
  });
});

describe('the other fields', () => {
  it.each(['PR', 'Ontario', ''])('reject state %j', (state) => {
    expect(rejectionOf({ state })).toEqual({ field: 'state', message: 'Choose one of the 50 states or DC.' });
  });

  it.each([
    ['insuranceExpiration', '2026-02-28', 'Your insurance has already expired: enter the date of a current policy.'],
    ['registrationExpiration', '2025-02-29', 'Enter a real date as YYYY-MM-DD.'],
    ['insuranceExpiration', '2026-13-01', 'Enter a real date as YYYY-MM-DD.'],
    ['insuranceExpiration', '03/01/2027', 'Enter a real date as YYYY-MM-DD.'],
  ])('reject %s %s', (field, value, message) => {
    expect(rejectionOf({ [field]: value })).toEqual({ field, message });
  });

  it.each(['AB 1234', 'A'.repeat(21), 'ab_12'])('reject tech ID %j', (techId) => {
    const { field, message } = rejectionOf({ techId });
    expect(field).toBe('techId');
    expect(message).toMatch(/Tech ID/);
  });

  it('states the length limit of a tech ID', () => {
    expect(rejectionOf({ techId: 'A'.repeat(21) }).message).toBe('Tech ID can be at most 20 characters.');
  });

  it.each(['not-an-email', 'a@b', 'two@@example.com'])('reject email %j', (email) => {
    expect(rejectionOf({ email })).toEqual({ field: 'email', message: 'Enter a valid email address.' });
  });

  it('caps a comment at 500 characters', () => {
    expect(schema.safeParse({ ...VALID_PAYLOAD, comment: 'x'.repeat(500) }).success).toBe(true);
    expect(rejectionOf({ comment: 'x'.repeat(501) })).toEqual({
      field: 'comment',
      message: 'Comment can be at most 500 characters.',
    });
  });

  it('rejects a phone number with letters', () => {
    expect(rejectionOf({ phone: '555-CALL-NOW' }).field).toBe('phone');
  });

  it('requires required text after trimming', () => {
    expect(rejectionOf({ fullName: '   ' })).toEqual({ field: 'fullName', message: 'Full name is required.' });
    expect(rejectionOf({ make: undefined })).toEqual({ field: 'make', message: 'Make is required.' });
  });

  it.each([false, undefined, 'true'])('requires the policy to be acknowledged (%j)', (policyAcknowledged) => {
    expect(rejectionOf({ policyAcknowledged })).toEqual({
      field: 'policyAcknowledged',
      message: 'You must acknowledge the policy.',
    });
  });
});

describe('industries', () => {
  it('rejects an unknown one at its position', () => {
    const { field, message } = rejectionOf({ industries: ['Cook', 'Plumbing'] });
    expect(field).toBe('industries.1');
    expect(message).toContain('Choose industries from');
  });

  it('rejects duplicates', () => {
    expect(rejectionOf({ industries: ['Cook', 'Cook'] })).toEqual({
      field: 'industries',
      message: 'Each industry can be chosen only once.',
    });
  });

  it('rejects a string instead of a list', () => {
    expect(rejectionOf({ industries: 'Cook' })).toEqual({ field: 'industries', message: 'Industries must be a list.' });
  });
});

describe('the payload as a whole', () => {
  it('rejects unknown keys, naming them', () => {
    expect(rejectionOf({ isAdmin: true })).toEqual({ field: 'isAdmin', message: 'Unknown field: isAdmin.' });
  });

  it('rejects a value of the wrong type with a readable message', () => {
    expect(rejectionOf({ fullName: 42 })).toEqual({ field: 'fullName', message: 'Full name must be text.' });
  });

  it('rejects something that is not an object', () => {
    const result = schema.safeParse(null);
    expect(result.success).toBe(false);
    if (!result.success) expect(firstIssue(result.error).field).toBe('');
  });

  it('reports problems in several fields at once', () => {
    const result = schema.safeParse({ ...VALID_PAYLOAD, email: 'bad', year: 2005 });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((issue) => issue.path.join('.'))).toEqual(['email', 'year']);
  });
});

describe('isRealIsoDate', () => {
  it.each(['2024-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (value) => {
    expect(isRealIsoDate(value)).toBe(true);
  });

  it.each(['2025-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', ' 2026-01-01', ''])(
    'rejects %j',
    (value) => {
      expect(isRealIsoDate(value)).toBe(false);
    },
  );
});
