/**
 * Checks one step before moving on, with the same zod schema the server applies on submit
 * (`makeEnrollmentSchema`), so the technician sees the server's rules and words early.
 * The whole form is parsed and only the current step's messages kept: cross-field rules
 * (model year vs VIN) then behave exactly as on the server.
 */
import { makeEnrollmentSchema } from '../../../../src/shared/enrollment.schema.js';
import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import { fieldName, t, translateValidation } from '../i18n/i18n.js';
import type { ErrorKey, FieldErrors, FormValues, UploadField, WizardState } from '../state/types.js';
import { LAST_STEP, STEPS, type StepIndex } from '../step-list.js';

/** Today in the technician's time zone, as the schema wants it (YYYY-MM-DD). */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Values that pass every rule, standing in for the fields of other steps. Without them an
 * empty date on a later step would stop the schema early (its date check aborts) and the
 * cross-field check of this step (model year vs VIN) would never run.
 */
function passingValues(today: string): FormValues {
  return {
    fullName: 'Placeholder',
    techId: 'T-1',
    district: '1',
    state: 'IL',
    referredBy: '',
    industries: [],
    email: 'placeholder@example.com',
    phone: '',
    vin: '1HGCM82633A004352',
    year: '2003',
    make: 'Make',
    model: 'Model',
    color: '',
    plate: '',
    insuranceProvider: '',
    insurancePolicyNumber: '',
    insuranceExpiration: today,
    registrationExpiration: today,
    comment: '',
    policyAcknowledged: true,
  };
}

function schemaErrors(state: WizardState, step: StepIndex, now: Date): FieldErrors {
  const today = localIsoDate(now);
  const schema = makeEnrollmentSchema({
    today,
    currentYear: now.getFullYear(),
    translate: translateValidation,
    label: (key) => fieldName(key),
  });
  const own = new Set<string>(STEPS[step]?.fields ?? []);
  const input = passingValues(today);
  for (const key of Object.keys(input) as (keyof FormValues)[]) {
    if (own.has(key)) Object.assign(input, { [key]: state.values[key] });
  }
  const result = schema.safeParse(input);
  const errors: FieldErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form') as ErrorKey;
    errors[key] ??= issue.message;
  }
  return errors;
}

function missingFileMessage(field: UploadField): string {
  if (field === 'signature') return t('signature.missing');
  const label = fieldName(field).toLowerCase();
  return t(field.startsWith('vehicle_') ? 'documents.missingPhoto' : 'documents.missingDocument', { label });
}

/** Each slot needs its minimum of uploaded files, and nothing still uploading or failed. */
export function uploadSlotError(state: WizardState, field: UploadField): string | undefined {
  const pending = state.uploads.filter((u) => u.field === field);
  if (pending.some((u) => u.status === 'failed')) return t('documents.uploadFailedFix');
  if (pending.length > 0) return t('documents.waitUpload');
  const count = state.files.filter((f) => f.field === field).length;
  if (count < (UPLOAD_SLOTS[field]?.min ?? 1)) return missingFileMessage(field);
  return undefined;
}

function signatureError(state: WizardState): string | undefined {
  const { signature } = state;
  const drawn = signature.mode === 'draw' && signature.strokes.length > 0;
  const typed = signature.mode === 'type' && signature.typedName.trim() !== '';
  // A changed signature counts even before its upload; an unchanged one needs its file.
  const changed = signature.revision !== signature.uploadedRevision;
  if (changed) return drawn || typed ? undefined : missingFileMessage('signature');
  return uploadSlotError(state, 'signature');
}

function isUploadField(key: ErrorKey): key is UploadField {
  return key in UPLOAD_SLOTS;
}

/** The errors of one step, in on-screen order; empty when the technician may move on. */
export function validateStep(step: StepIndex, state: WizardState, now = new Date()): FieldErrors {
  const fromSchema = schemaErrors(state, step, now);
  const errors: FieldErrors = {};
  for (const key of STEPS[step]?.fields ?? []) {
    const message =
      key === 'signature' ? signatureError(state) : isUploadField(key) ? uploadSlotError(state, key) : fromSchema[key];
    if (message) errors[key] = message;
  }
  return errors;
}

/** The first step with a problem and its errors, or null when the whole enrollment is ready. */
export function findFirstInvalidStep(state: WizardState, now = new Date()) {
  // Every step before the review, which has no fields of its own.
  for (let index = 0; index < LAST_STEP; index++) {
    const step = index as StepIndex;
    const errors = validateStep(step, state, now);
    if (Object.keys(errors).length > 0) return { step, errors };
  }
  return null;
}
