/**
 * Every change to the wizard's state, as one pure reducer. Components and effects dispatch
 * actions; nothing else mutates state, which keeps Back/Next/reload behaviour predictable.
 */
import type { Draft, DraftFile } from '../api.js';
import { clampStep, type StepIndex } from '../step-list.js';
import { draftDataToValues } from './draft-values.js';
import type {
  Confirmation,
  ErrorKey,
  FieldErrors,
  FormValues,
  PendingUpload,
  SaveStatus,
  SignatureState,
  TextField,
  WizardState,
} from './types.js';

export type WizardAction =
  | { type: 'draftLoaded'; draft: Draft; notice?: string | null }
  | { type: 'draftRecreated'; draft: Draft; notice: string }
  | { type: 'freshStart'; notice: string | null }
  | { type: 'draftCreated'; resumeCode: string }
  | { type: 'introShown'; shown: boolean }
  | { type: 'confirmationRestored'; confirmation: Confirmation }
  | { type: 'startFailed'; message: string }
  | { type: 'noticeDismissed' }
  | { type: 'valueChanged'; field: TextField; value: string }
  | { type: 'industriesChanged'; industries: string[] }
  | { type: 'acknowledgementChanged'; acknowledged: boolean }
  | { type: 'vehicleDecoded'; year: string | null; make: string | null; model: string | null; hint: string | null }
  | { type: 'vehicleHintChanged'; hint: string | null }
  | { type: 'policyShown'; sha256: string }
  | { type: 'errorsShown'; errors: FieldErrors; step?: StepIndex }
  | { type: 'fieldErrorSet'; key: ErrorKey; message: string | null }
  | { type: 'stepChanged'; step: StepIndex }
  | { type: 'saveStatusChanged'; status: SaveStatus; message?: string | null }
  | { type: 'uploadQueued'; upload: PendingUpload }
  | { type: 'uploadUpdated'; id: string; changes: Partial<PendingUpload> }
  | { type: 'uploadFinished'; id: string; file: DraftFile }
  | { type: 'uploadDiscarded'; id: string }
  | { type: 'fileRemoved'; fileId: string }
  | { type: 'signatureChanged'; changes: Partial<Omit<SignatureState, 'revision' | 'uploadedRevision'>> }
  | { type: 'signatureUploaded'; revision: number }
  | { type: 'submitStarted' }
  | { type: 'submitFailed' }
  | { type: 'submitted'; confirmation: Confirmation };

/** Every field of the table, unanswered. */
export function emptyValues(): FormValues {
  return draftDataToValues({});
}

export function initialState(): WizardState {
  return {
    phase: 'starting',
    intro: false,
    changeRequest: null,
    startupError: null,
    notice: null,
    resumeCode: null,
    step: 0,
    values: emptyValues(),
    prefilled: {},
    vehicleHint: null,
    policyShown: null,
    files: [],
    uploads: [],
    signature: {
      mode: 'draw',
      strokes: [],
      padSize: { width: 0, height: 0 },
      typedName: '',
      revision: 0,
      uploadedRevision: 0,
    },
    errors: {},
    summaryKeys: [],
    errorAttempt: 0,
    valuesVersion: 0,
    save: { status: 'idle', message: null },
    submitting: false,
    confirmation: null,
  };
}

/** A fresh or resumed draft replaces the answers; the local signature strokes go with it. */
function loadDraft(state: WizardState, draft: Draft, notice: string | null): WizardState {
  const base = initialState();
  return {
    ...base,
    phase: 'ready',
    notice,
    resumeCode: draft.resumeCode,
    step: clampStep(draft.step),
    values: draftDataToValues(draft.data),
    files: [...draft.files],
    changeRequest: draft.changeRequest ? { ...draft.changeRequest, original: draftDataToValues(draft.data) } : null,
    // "Saved" is said only after a save: loading is not one.
    save: { status: 'idle', message: null },
    // Keep the attempt counter moving so a stale "errors" announcement never replays.
    errorAttempt: state.errorAttempt,
  };
}

/**
 * The draft vanished while the technician was working (it expired): the answers move to a
 * new draft, but its files are gone, so the signature must be uploaded again too.
 */
function recreateDraft(state: WizardState, draft: Draft, notice: string): WizardState {
  return {
    ...state,
    notice,
    resumeCode: draft.resumeCode,
    files: [],
    signature: { ...state.signature, uploadedRevision: -1 },
  };
}

/**
 * True while a field the admin asked to change still holds the answer it had then (for an
 * upload slot: while it has no file), so the wizard keeps it marked until it changes.
 */
export function isStillRequested(state: WizardState, field: string): boolean {
  const request = state.changeRequest;
  if (!request?.fields.includes(field)) return false;
  if (field in state.values) {
    const key = field as keyof WizardState['values'];
    return JSON.stringify(state.values[key]) === JSON.stringify(request.original[key]);
  }
  return !state.files.some((file) => file.field === field);
}

/**
 * Accepting one policy is not accepting another: when the state changed and a different
 * policy is shown, the technician must read and accept that one.
 */
function showPolicy(state: WizardState, sha256: string): WizardState {
  if (state.policyShown === sha256) return state;
  const changed = state.policyShown !== null && state.values.policyAcknowledged;
  const next = changed ? changeValues(state, { policyAcknowledged: false }, []) : state;
  return { ...next, policyShown: sha256 };
}

function withoutError(errors: FieldErrors, key: ErrorKey): FieldErrors {
  if (errors[key] === undefined) return errors;
  const next = { ...errors };
  delete next[key];
  return next;
}

function changeValues(state: WizardState, changes: Partial<FormValues>, clears: ErrorKey[]): WizardState {
  const errors = clears.reduce(withoutError, state.errors);
  return { ...state, values: { ...state.values, ...changes }, errors, valuesVersion: state.valuesVersion + 1 };
}

function changeValue(state: WizardState, field: TextField, value: string): WizardState {
  const next = changeValues(state, { [field]: value }, [field]);
  if (field !== 'year' && field !== 'make' && field !== 'model') return next;
  // The technician typed it: the VIN decoder must no longer overwrite it.
  const prefilled = { ...state.prefilled };
  delete prefilled[field];
  return { ...next, prefilled };
}

/** Fills only the vehicle fields that are empty or were themselves filled by the decoder. */
function applyDecodedVehicle(
  state: WizardState,
  decoded: { year: string | null; make: string | null; model: string | null; hint: string | null },
): WizardState {
  const changes: Partial<FormValues> = {};
  const prefilled = { ...state.prefilled };
  for (const field of ['year', 'make', 'model'] as const) {
    const value = decoded[field];
    const mayReplace = state.values[field].trim() === '' || state.prefilled[field] === true;
    if (value && mayReplace) {
      changes[field] = value;
      prefilled[field] = true;
    }
  }
  if (Object.keys(changes).length === 0) return { ...state, vehicleHint: decoded.hint };
  const next = changeValues(state, changes, Object.keys(changes) as ErrorKey[]);
  return { ...next, prefilled, vehicleHint: decoded.hint };
}

/** Single-file slots (photos, signature) hold one file: a new upload replaces the old one. */
function addFile(files: DraftFile[], file: DraftFile): DraftFile[] {
  const replaces = file.field !== 'insurance' && file.field !== 'registration';
  const kept = files.filter((f) => f.id !== file.id && !(replaces && f.field === file.field));
  return [...kept, file].sort((a, b) => a.field.localeCompare(b.field) || a.position - b.position);
}

function finishUpload(state: WizardState, id: string, file: DraftFile): WizardState {
  const uploads = state.uploads.filter((u) => u.id !== id);
  return { ...state, uploads, files: addFile(state.files, file), errors: withoutError(state.errors, file.field) };
}

function changeSignature(state: WizardState, changes: Partial<SignatureState>): WizardState {
  const signature = { ...state.signature, ...changes, revision: state.signature.revision + 1 };
  return { ...state, signature, errors: withoutError(state.errors, 'signature') };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'draftLoaded':
      return loadDraft(state, action.draft, action.notice ?? null);
    case 'draftRecreated':
      return recreateDraft(state, action.draft, action.notice);
    case 'freshStart':
      return {
        ...initialState(),
        phase: 'ready',
        intro: true,
        notice: action.notice,
        errorAttempt: state.errorAttempt,
      };
    case 'draftCreated':
      return { ...state, resumeCode: action.resumeCode };
    case 'introShown':
      return { ...state, intro: action.shown, errors: {} };
    case 'confirmationRestored':
      return { ...state, phase: 'submitted', confirmation: action.confirmation };
    case 'startFailed':
      return { ...state, phase: 'unavailable', startupError: action.message };
    case 'noticeDismissed':
      return { ...state, notice: null };
    case 'valueChanged':
      return changeValue(state, action.field, action.value);
    case 'industriesChanged':
      return changeValues(state, { industries: action.industries }, ['industries']);
    case 'acknowledgementChanged':
      return changeValues(state, { policyAcknowledged: action.acknowledged }, ['policyAcknowledged']);
    case 'vehicleDecoded':
      return applyDecodedVehicle(state, action);
    case 'policyShown':
      return showPolicy(state, action.sha256);
    case 'vehicleHintChanged':
      return state.vehicleHint === action.hint ? state : { ...state, vehicleHint: action.hint };
    case 'errorsShown':
      return {
        ...state,
        errors: action.errors,
        summaryKeys: Object.keys(action.errors) as ErrorKey[],
        errorAttempt: state.errorAttempt + 1,
        step: action.step ?? state.step,
      };
    case 'fieldErrorSet':
      return action.message === null
        ? { ...state, errors: withoutError(state.errors, action.key) }
        : { ...state, errors: { ...state.errors, [action.key]: action.message } };
    case 'stepChanged':
      return { ...state, step: action.step, errors: {}, summaryKeys: [] };
    case 'saveStatusChanged':
      return { ...state, save: { status: action.status, message: action.message ?? null } };
    default:
      return reduceFilesAndSubmission(state, action);
  }
}

function reduceFilesAndSubmission(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'uploadQueued':
      return {
        ...state,
        uploads: [...state.uploads, action.upload],
        errors: withoutError(state.errors, action.upload.field),
      };
    case 'uploadUpdated':
      return {
        ...state,
        uploads: state.uploads.map((u) => (u.id === action.id ? { ...u, ...action.changes } : u)),
      };
    case 'uploadFinished':
      return finishUpload(state, action.id, action.file);
    case 'uploadDiscarded':
      return { ...state, uploads: state.uploads.filter((u) => u.id !== action.id) };
    case 'fileRemoved':
      return { ...state, files: state.files.filter((f) => f.id !== action.fileId) };
    case 'signatureChanged':
      return changeSignature(state, action.changes);
    case 'signatureUploaded':
      return { ...state, signature: { ...state.signature, uploadedRevision: action.revision } };
    case 'submitStarted':
      return { ...state, submitting: true, errors: {} };
    case 'submitFailed':
      return { ...state, submitting: false };
    case 'submitted':
      return { ...state, phase: 'submitted', submitting: false, confirmation: action.confirmation };
    default:
      return state;
  }
}
