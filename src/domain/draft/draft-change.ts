import { AppError } from '../../errors.js';
import { makeEnrollmentSchema } from '../../shared/enrollment.schema.js';
import { isLanguage, LANGUAGES } from '../../shared/field-labels.js';
import { assertNoNulCharacter } from '../text/nul-characters.js';

/** Wizard steps: 0 technician, 1 vehicle and documents, 2 policy and signature, 3 review, 4 done. */
export const LAST_DRAFT_STEP = 4;
export const MAX_DRAFT_DATA_BYTES = 32 * 1024;

/** The enrollment's field names: the only keys a draft's data may hold. */
export const DRAFT_DATA_KEYS: ReadonlySet<string> = new Set(
  Object.keys(makeEnrollmentSchema({ today: '2000-01-01', currentYear: 2000 }).shape),
);

export interface DraftChange {
  step?: number;
  /** JSON text of the data object. */
  data?: string;
  /** The wizard's language, remembered for the technician. */
  language?: string;
}

/**
 * Checks the body of a draft save. Drafts are unfinished by nature, so values are stored as they
 * come (HTML included, as data); only the shape is checked: a step from 0 to 4, and data that is
 * an object of known enrollment fields, at most 32 KB as JSON.
 */
export function parseDraftChange(body: unknown): DraftChange {
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) throw new AppError('INVALID_REQUEST', 'Send the draft as a JSON object.');
  assertNoNulCharacter(body);
  for (const key of Object.keys(body)) {
    if (key !== 'step' && key !== 'data' && key !== 'language') {
      throw new AppError('VALIDATION_FAILED', `Unknown field: ${key}. Send "step", "data" and "language".`, {
        field: key,
      });
    }
  }
  const change: DraftChange = {};
  if (body.step !== undefined) {
    const step = body.step;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > LAST_DRAFT_STEP) {
      throw new AppError('VALIDATION_FAILED', `The step must be a whole number from 0 to ${LAST_DRAFT_STEP}.`, {
        field: 'step',
      });
    }
    change.step = step;
  }
  if (body.language !== undefined) {
    if (!isLanguage(body.language)) {
      throw new AppError('VALIDATION_FAILED', `The language must be one of: ${LANGUAGES.join(', ')}.`, {
        field: 'language',
      });
    }
    change.language = body.language;
  }
  if (body.data !== undefined) {
    const data = body.data;
    if (!isPlainObject(data)) {
      throw new AppError('VALIDATION_FAILED', 'The draft data must be an object of enrollment fields.', {
        field: 'data',
      });
    }
    for (const key of Object.keys(data)) {
      if (!DRAFT_DATA_KEYS.has(key)) throw new AppError('VALIDATION_FAILED', `Unknown field: ${key}.`, { field: key });
    }
    const json = JSON.stringify(data);
    if (Buffer.byteLength(json, 'utf8') > MAX_DRAFT_DATA_BYTES) {
      throw new AppError('REQUEST_TOO_LARGE', 'The draft is larger than 32 KB; shorten the longest answers.', {
        field: 'data',
      });
    }
    change.data = json;
  }
  return change;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
