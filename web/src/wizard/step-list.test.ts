import { describe, expect, it } from 'vitest';
import { ENROLLMENT_FIELDS } from '../../../src/shared/enrollment-fields.js';
import { UPLOAD_SLOTS } from '../../../src/shared/upload-slots.js';
import { clampStep, LAST_STEP, STEPS, stepIndex, stepOfField } from './step-list.js';

describe('the wizard’s step list', () => {
  it('asks every field of the table once, on the step of its section', () => {
    for (const field of ENROLLMENT_FIELDS) {
      const steps = STEPS.filter((step) => (step.fields as readonly string[]).includes(field.key));
      expect(
        steps.map((step) => step.id),
        field.key,
      ).toEqual([field.section]);
    }
  });

  it('asks for every upload slot on some step before the review', () => {
    for (const slot of Object.keys(UPLOAD_SLOTS)) expect(stepOfField(slot), slot).toBeLessThan(LAST_STEP);
  });

  it('sends unknown fields to the review, and keeps any saved step within the list', () => {
    expect(stepOfField('nonsense')).toBe(LAST_STEP);
    expect(stepOfField(undefined)).toBe(LAST_STEP);
    expect(stepIndex('review')).toBe(LAST_STEP);
    expect([clampStep(-1), clampStep(1), clampStep(1.5), clampStep(99)]).toEqual([0, 1, 0, LAST_STEP]);
  });
});
