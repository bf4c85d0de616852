/**
 * The wizard's steps and which fields each one owns, in the order they appear on screen.
 * Errors, from the browser or the server, are shown on the step that owns their field.
 */
import type { ErrorKey, StepIndex } from '../state/types.js';

export interface StepInfo {
  title: string;
  /** Short name for the progress indicator on narrow screens. */
  shortTitle: string;
  fields: readonly ErrorKey[];
}

export const STEPS: readonly StepInfo[] = [
  {
    title: 'Technician',
    shortTitle: 'You',
    fields: ['fullName', 'techId', 'email', 'phone', 'district', 'state', 'referredBy', 'industries'],
  },
  {
    title: 'Vehicle',
    shortTitle: 'Vehicle',
    fields: ['vin', 'year', 'make', 'model', 'color', 'plate'],
  },
  {
    title: 'Photos & documents',
    shortTitle: 'Photos',
    fields: [
      'vehicle_front',
      'vehicle_back',
      'vehicle_left',
      'vehicle_right',
      'insurance',
      'insuranceProvider',
      'insurancePolicyNumber',
      'insuranceExpiration',
      'registration',
      'registrationExpiration',
    ],
  },
  {
    title: 'Policy & signature',
    shortTitle: 'Policy',
    fields: ['policyAcknowledged', 'signature', 'comment'],
  },
  { title: 'Review & submit', shortTitle: 'Review', fields: ['form'] },
];

export const LAST_STEP: StepIndex = 4;

/** The step that shows a field; unknown fields (or none) belong to the review step. */
export function stepOfField(key: string | undefined): StepIndex {
  const index = STEPS.findIndex((step) => step.fields.includes(key as ErrorKey));
  return (index < 0 ? LAST_STEP : index) as StepIndex;
}
