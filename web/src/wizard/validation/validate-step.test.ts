import { describe, expect, it } from 'vitest';
import type { DraftFile } from '../api.js';
import { i18n } from '../i18n/i18n.js';
import { initialState } from '../state/reducer.js';
import type { FormValues, UploadField, WizardState } from '../state/types.js';
import { stepIndex } from '../step-list.js';
import { findFirstInvalidStep, localIsoDate, validateStep } from './validate-step.js';

const NOW = new Date(2026, 5, 15, 12, 0, 0);

const VALID: FormValues = {
  fullName: 'Łukasz Nuñez',
  techId: 'TX-1001',
  district: '4021',
  state: 'IL',
  referredBy: '',
  industries: ['HVAC'],
  email: 'lukasz@example.com',
  phone: '',
  vin: '1HGCM82633A004352',
  year: '2003',
  make: 'Honda',
  model: 'Accord',
  color: '',
  plate: '',
  insuranceProvider: '',
  insurancePolicyNumber: '',
  insuranceExpiration: '2027-01-01',
  registrationExpiration: '2027-01-01',
  comment: '',
  policyAcknowledged: true,
};

const SLOTS: UploadField[] = [
  'vehicle_front',
  'vehicle_back',
  'vehicle_left',
  'vehicle_right',
  'insurance',
  'registration',
  'signature',
];

function file(field: UploadField): DraftFile {
  return { id: field, field, position: 0, contentType: 'image/png', sizeBytes: 1, originalName: field, url: '/' };
}

function complete(changes: Partial<FormValues> = {}, without: UploadField[] = []): WizardState {
  return {
    ...initialState(),
    values: { ...VALID, ...changes },
    files: SLOTS.filter((slot) => !without.includes(slot)).map(file),
  };
}

describe('validateStep', () => {
  it('finds nothing wrong with a complete enrollment', () => {
    expect(findFirstInvalidStep(complete(), NOW)).toBeNull();
  });

  it('reports only the current step’s fields, with the server’s words', () => {
    const state = complete({ fullName: '', make: '' });
    expect(validateStep(stepIndex('technician'), state, NOW)).toEqual({ fullName: 'Full name is required.' });
    expect(validateStep(stepIndex('vehicle'), state, NOW)).toEqual({ make: 'Make is required.' });
  });

  it('checks the model year against the VIN as the server does', () => {
    const errors = validateStep(stepIndex('vehicle'), complete({ year: '2005' }), NOW);
    expect(errors.year).toMatch(/^The VIN says model year 2003( or \d+)?, not 2005\.$/);
  });

  it('refuses a document that expired before today in the technician’s zone', () => {
    const yesterday = localIsoDate(new Date(2026, 5, 14));
    const errors = validateStep(stepIndex('documents'), complete({ insuranceExpiration: yesterday }), NOW);
    expect(errors).toEqual({
      insuranceExpiration: 'Your insurance has already expired: enter the date of a current policy.',
    });
  });

  it('names each expired document, so two expired documents are two different problems', () => {
    const yesterday = localIsoDate(new Date(2026, 5, 14));
    const state = complete({ insuranceExpiration: yesterday, registrationExpiration: yesterday });
    const errors = validateStep(stepIndex('documents'), state, NOW);
    expect(errors.insuranceExpiration).toMatch(/insurance/);
    expect(errors.registrationExpiration).toMatch(/registration/);
    expect(errors.insuranceExpiration).not.toBe(errors.registrationExpiration);
  });

  it('says an empty date is missing rather than asking for a format the date control does not show', () => {
    const errors = validateStep(stepIndex('documents'), complete({ registrationExpiration: '' }), NOW);
    expect(errors.registrationExpiration).toBe('Registration expiration date is required.');
  });

  it('speaks Spanish, field names included, when Spanish is chosen', async () => {
    await i18n.changeLanguage('es');
    try {
      const state = complete({ fullName: '', vin: '1HGCM82633A00435' });
      expect(validateStep(stepIndex('technician'), state, NOW)).toEqual({
        fullName: 'Nombre completo: este dato es obligatorio.',
      });
      expect(validateStep(stepIndex('vehicle'), state, NOW).vin).toBe('Un VIN tiene 17 caracteres; este tiene 16.');
      expect(validateStep(stepIndex('documents'), complete({}, ['vehicle_left']), NOW).vehicle_left).toBe(
        'Agregue una foto: lado izquierdo del vehículo.',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('asks for missing files, and waits for uploads still running or failed', () => {
    const missing = complete({}, ['vehicle_left', 'registration']);
    expect(validateStep(stepIndex('documents'), missing, NOW)).toEqual({
      vehicle_left: 'Add a photo of the left side of the vehicle.',
      registration: 'Add at least one page of your vehicle registration.',
    });
    const upload = { id: 'u', field: 'insurance' as const, fileName: 'a', blob: null, previewUrl: null, progress: 0 };
    const uploading = { ...complete(), uploads: [{ ...upload, status: 'uploading' as const }] };
    expect(validateStep(stepIndex('documents'), uploading, NOW).insurance).toBe('Wait for the upload to finish.');
    const failed = { ...complete(), uploads: [{ ...upload, status: 'failed' as const }] };
    expect(validateStep(stepIndex('documents'), failed, NOW).insurance).toBe(
      'An upload failed. Retry it or remove it.',
    );
  });

  it('takes a changed signature before its upload, but not an empty pad', () => {
    const base = complete({}, ['signature']);
    const drawn = { ...base, signature: { ...base.signature, strokes: [{} as never], revision: 1 } };
    expect(validateStep(stepIndex('policy'), drawn, NOW)).toEqual({});
    const cleared = { ...base, signature: { ...base.signature, revision: 2 } };
    expect(validateStep(stepIndex('policy'), cleared, NOW).signature).toMatch(/^Sign the policy/);
  });

  it('names the first step with a problem', () => {
    const result = findFirstInvalidStep(complete({ model: '' }, ['signature']), NOW);
    expect(result).toEqual({ step: stepIndex('vehicle'), errors: { model: 'Model is required.' } });
  });
});
