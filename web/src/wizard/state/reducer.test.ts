import { describe, expect, it } from 'vitest';
import type { Draft, DraftFile } from '../api.js';
import { LAST_STEP } from '../step-list.js';
import { initialState, wizardReducer } from './reducer.js';
import type { WizardState } from './types.js';

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    resumeCode: 'ABCDE-12345',
    step: 1,
    data: {},
    files: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-31T00:00:00.000Z',
    ...overrides,
  };
}

function file(id: string, field: DraftFile['field'], position = 0): DraftFile {
  return { id, field, position, contentType: 'image/jpeg', sizeBytes: 10, originalName: `${id}.jpg`, url: `/f/${id}` };
}

function loaded(overrides: Partial<Draft> = {}): WizardState {
  return wizardReducer(initialState(), { type: 'draftLoaded', draft: draft(overrides) });
}

describe('wizardReducer', () => {
  it('loads a draft: untrusted data coerced to form values, the step made valid', () => {
    const state = loaded({
      step: 99,
      data: { fullName: 'Ada', year: 2019, industries: ['HVAC', 'Nope', 3], policyAcknowledged: 'yes' },
    });
    expect(state.phase).toBe('ready');
    expect(state.step).toBe(LAST_STEP);
    expect(state.values).toMatchObject({ fullName: 'Ada', year: '2019', email: '', industries: ['HVAC'] });
    expect(state.values.policyAcknowledged).toBe(false);
    expect(loaded({ step: 2.5 }).step).toBe(0);
    expect(loaded({ step: -3 }).step).toBe(0);
  });

  it('clears a field’s error when its value changes, and counts the change for autosave', () => {
    const shown = wizardReducer(loaded(), { type: 'errorsShown', errors: { make: 'Make is required.', vin: 'Bad' } });
    const next = wizardReducer(shown, { type: 'valueChanged', field: 'make', value: 'Honda' });
    expect(next.errors).toEqual({ vin: 'Bad' });
    expect(next.values.make).toBe('Honda');
    expect(next.valuesVersion).toBe(shown.valuesVersion + 1);
  });

  it('fills decoded vehicle fields only where empty or decoded before, never over typed ones', () => {
    const typed = wizardReducer(loaded(), { type: 'valueChanged', field: 'make', value: 'Mine' });
    const decoded = wizardReducer(typed, {
      type: 'vehicleDecoded',
      year: '2003',
      make: 'HONDA',
      model: 'Accord',
      hint: null,
    });
    expect(decoded.values).toMatchObject({ year: '2003', make: 'Mine', model: 'Accord' });
    expect(decoded.prefilled).toEqual({ year: true, model: true });
    const again = wizardReducer(decoded, {
      type: 'vehicleDecoded',
      year: '2004',
      make: 'X',
      model: 'Civic',
      hint: 'h',
    });
    expect(again.values).toMatchObject({ year: '2004', make: 'Mine', model: 'Civic' });
    expect(again.vehicleHint).toBe('h');
    // Typing over a decoded value makes it the technician's own.
    const edited = wizardReducer(again, { type: 'valueChanged', field: 'model', value: 'Civic Si' });
    expect(edited.prefilled).toEqual({ year: true });
  });

  it('withdraws the acknowledgement when a different policy is shown', () => {
    const first = wizardReducer(loaded(), { type: 'policyShown', sha256: 'a' });
    const accepted = wizardReducer(first, { type: 'acknowledgementChanged', acknowledged: true });
    expect(wizardReducer(accepted, { type: 'policyShown', sha256: 'a' }).values.policyAcknowledged).toBe(true);
    const other = wizardReducer(accepted, { type: 'policyShown', sha256: 'b' });
    expect(other.values.policyAcknowledged).toBe(false);
    expect(other.policyShown).toBe('b');
  });

  it('keeps one file per photo slot but every page of a document', () => {
    let state = loaded({ files: [file('f1', 'vehicle_front'), file('i1', 'insurance', 0)] });
    state = wizardReducer(state, { type: 'uploadFinished', id: 'u1', file: file('f2', 'vehicle_front') });
    state = wizardReducer(state, { type: 'uploadFinished', id: 'u2', file: file('i2', 'insurance', 1) });
    expect(state.files.map((f) => f.id)).toEqual(['i1', 'i2', 'f2']);
    state = wizardReducer(state, { type: 'fileRemoved', fileId: 'i1' });
    expect(state.files.map((f) => f.id)).toEqual(['i2', 'f2']);
  });

  it('a vanished draft keeps the answers but forgets its files and the uploaded signature', () => {
    const state = loaded({ data: { fullName: 'Ada' }, files: [file('f1', 'vehicle_front')] });
    const next = wizardReducer(state, {
      type: 'draftRecreated',
      draft: draft({ resumeCode: 'NEWCO-00000' }),
      notice: 'n',
    });
    expect(next).toMatchObject({ resumeCode: 'NEWCO-00000', files: [], notice: 'n' });
    expect(next.values.fullName).toBe('Ada');
    expect(next.signature.uploadedRevision).not.toBe(next.signature.revision);
  });
});
