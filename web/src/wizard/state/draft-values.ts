/**
 * Converts between the form's values and the draft's `data`. The server stores drafts as
 * given (possibly incomplete), so anything read back is treated as untrusted and coerced.
 */

import { INDUSTRIES } from '../../../../src/shared/enrollment.schema.js';
import { ENROLLMENT_TEXT_FIELDS } from '../../../../src/shared/enrollment-fields.js';
import type { DraftData } from '../api.js';
import type { FormValues, TextField } from './types.js';

const TEXT_FIELDS: readonly TextField[] = ENROLLMENT_TEXT_FIELDS;

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function asIndustries(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const known: readonly string[] = INDUSTRIES;
  return value.filter((item): item is string => typeof item === 'string' && known.includes(item));
}

export function draftDataToValues(data: DraftData | null | undefined): FormValues {
  const source = data ?? {};
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, asText(source[field])])) as Record<
    TextField,
    string
  >;
  return {
    ...text,
    industries: asIndustries(source.industries),
    policyAcknowledged: source.policyAcknowledged === true,
  };
}

/** The draft keeps exactly what was typed; trimming and parsing happen in the shared schema. */
export function valuesToDraftData(values: FormValues): DraftData {
  return { ...values };
}
