/**
 * The wizard's steps and which fields each one owns, in the order they appear on screen: the one
 * place that says how many steps there are. Errors, from the browser or the server, are shown on
 * the step that owns their field.
 */
import type { ErrorKey } from './state/types.js';

export interface StepInfo {
  /** How code names a step ("go back to the policy step"), independent of its position. */
  id: string;
  /** The catalog key of its title (`steps.<id>`; the short one is `steps.<id>Short`). */
  title: string;
  fields: readonly ErrorKey[];
}

export const STEPS = [
  {
    id: 'technician',
    title: 'steps.technician',
    fields: ['fullName', 'techId', 'email', 'phone', 'district', 'state', 'referredBy', 'industries'],
  },
  {
    id: 'vehicle',
    title: 'steps.vehicle',
    fields: ['vin', 'year', 'make', 'model', 'color', 'plate'],
  },
  {
    id: 'documents',
    title: 'steps.documents',
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
    id: 'policy',
    title: 'steps.policy',
    fields: ['policyAcknowledged', 'signature', 'comment'],
  },
  { id: 'review', title: 'steps.review', fields: ['form'] },
] as const satisfies readonly StepInfo[];

/** 0 | 1 | … | STEPS.length - 1, worked out from the list so it follows any change to it. */
export type StepIndex = Exclude<Partial<typeof STEPS>['length'], (typeof STEPS)['length']>;
export type StepId = (typeof STEPS)[number]['id'];

export const LAST_STEP = (STEPS.length - 1) as StepIndex;

export function stepIndex(id: StepId): StepIndex {
  return STEPS.findIndex((step) => step.id === id) as StepIndex;
}

/** Any number (a draft's saved step, say), made a valid step: a whole number within the list, or 0. */
export function clampStep(step: number): StepIndex {
  const whole = Number.isInteger(step) ? step : 0;
  return Math.min(LAST_STEP, Math.max(0, whole)) as StepIndex;
}

/** The step that shows a field; unknown fields (or none) belong to the review step. */
export function stepOfField(key: string | undefined): StepIndex {
  const index = STEPS.findIndex((step) => (step.fields as readonly string[]).includes(key ?? ''));
  return (index < 0 ? LAST_STEP : index) as StepIndex;
}
