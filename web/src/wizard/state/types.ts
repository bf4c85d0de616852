/**
 * The shape of everything the wizard remembers. It lives in one store (state/store.tsx) and,
 * apart from in-flight uploads and the pad's strokes, in the server draft too, so leaving a
 * step, reloading or switching device never loses an answer.
 */
import type { PointGroup } from 'signature_pad';
import type { EnrollmentField } from '../../../../src/shared/enrollment.schema.js';
import type { DraftFile, SubmitResult } from '../api.js';
import type { StepIndex } from '../step-list.js';

export type { EnrollmentField };

/** Every field the form keeps as text; year stays text until the schema parses it. */
export type TextField = Exclude<EnrollmentField, 'industries' | 'policyAcknowledged'>;

export type FormValues = Record<TextField, string> & {
  industries: string[];
  policyAcknowledged: boolean;
};

export const PHOTO_FIELDS = ['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right'] as const;
export const DOCUMENT_FIELDS = ['insurance', 'registration'] as const;
export type PhotoField = (typeof PHOTO_FIELDS)[number];
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];
export type UploadField = PhotoField | DocumentField | 'signature';

/** Errors by enrollment field or upload slot; `form` holds a problem no field owns. */
export type ErrorKey = EnrollmentField | UploadField | 'form';
export type FieldErrors = Partial<Record<ErrorKey, string>>;

/** A file picked in this browser that is not (yet) in the draft. */
export interface PendingUpload {
  id: string;
  field: UploadField;
  fileName: string;
  /** Kept so a failed upload can be retried without picking the file again. */
  blob: Blob | null;
  /** Object URL of the prepared image, for the preview while uploading. */
  previewUrl: string | null;
  progress: number;
  status: 'preparing' | 'uploading' | 'failed';
  error?: string;
  /** The server refused this file for good (wrong kind, unreadable): offer Remove, not Retry. */
  permanent?: boolean;
}

export type SignatureMode = 'draw' | 'type';

export interface SignatureState {
  mode: SignatureMode;
  /** The pad's strokes, so returning to the step redraws the same signature. */
  strokes: PointGroup[];
  /** The CSS size of the pad the strokes were drawn on, to render them at the same scale. */
  padSize: { width: number; height: number };
  typedName: string;
  /** Bumped on every change; the draft's signature file is current when the two match. */
  revision: number;
  uploadedRevision: number;
}

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'offline' | 'failed';

export interface Confirmation extends SubmitResult {
  email: string;
}

/** An admin's request for changes, with the answers as they were when it was made. */
export interface ChangeRequestState {
  message: string;
  fields: string[];
  original: FormValues;
}

export interface WizardState {
  phase: 'starting' | 'ready' | 'submitted' | 'unavailable';
  /** The start screen (what to have ready) is showing, before step 1 of a new enrollment. */
  intro: boolean;
  /** Set when the draft was opened by an admin's request for changes. */
  changeRequest: ChangeRequestState | null;
  /** Why the wizard could not start (phase `unavailable`). */
  startupError: string | null;
  /** A one-off message for the technician, such as "that resume code has expired". */
  notice: string | null;
  resumeCode: string | null;
  step: StepIndex;
  values: FormValues;
  /** Vehicle fields filled from the VIN decoder and not edited since, so a new VIN may replace them. */
  prefilled: Partial<Record<'year' | 'make' | 'model', true>>;
  vehicleHint: string | null;
  /** The SHA-256 of the policy text last shown, sent with the submission. */
  policyShown: string | null;
  files: DraftFile[];
  uploads: PendingUpload[];
  signature: SignatureState;
  errors: FieldErrors;
  /**
   * The fields whose errors stopped the last Next or Submit: only these are listed in the
   * summary, so an error that appears while typing (a mistyped VIN) stays beside its field and
   * does not push the form down.
   */
  summaryKeys: ErrorKey[];
  /** Bumped when a validation attempt fails, so the same errors are announced (and focused) again. */
  errorAttempt: number;
  /** Bumped on every answer change; autosave runs when it moves. */
  valuesVersion: number;
  save: { status: SaveStatus; message: string | null };
  submitting: boolean;
  confirmation: Confirmation | null;
}
