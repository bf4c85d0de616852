import { AppError } from '../../errors.js';
import { type Enrollment, type EnrollmentSchema, makeEnrollmentSchema } from '../../shared/enrollment.schema.js';
import { parseInput } from '../parse-input.js';
import { assertNoNulCharacter } from '../text/nul-characters.js';

/**
 * Checks enrollment data (already parsed from JSON) with the shared schema as of `now`, and
 * returns it normalised; VALIDATION_FAILED naming the first field at fault otherwise. Used for a
 * direct submission and for a draft being submitted, so both follow the same rules.
 */
export function validateEnrollment(json: unknown, now: Date): Enrollment {
  assertNoNulCharacter(json);
  return parseInput(schemaAsOf(now), json);
}

// Building the schema costs more than using it, and it only changes when the date does.
let cached: { key: string; schema: EnrollmentSchema } | undefined;

function schemaAsOf(now: Date): EnrollmentSchema {
  const today = earliestUsDate(now);
  const currentYear = now.getUTCFullYear();
  const key = `${today} ${currentYear}`;
  if (cached?.key !== key) cached = { key, schema: makeEnrollmentSchema({ today, currentYear }) };
  return cached.schema;
}

/**
 * The enrollment of a submission's `data` part. A part declared `application/json` arrives
 * already parsed by the multipart reader (API clients often declare it), a plain one as text.
 */
export function parseEnrollmentJson(raw: unknown, now: Date): Enrollment {
  if (typeof raw !== 'string') return validateEnrollment(raw, now);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('INVALID_REQUEST', 'The "data" part is not valid JSON.', { field: 'data' });
  }
  return validateEnrollment(json, now);
}

/**
 * "Not expired" is judged by the calendar date in the westernmost US time zone (UTC-10), so a
 * document valid through today is never refused because it is already tomorrow in UTC.
 */
export function earliestUsDate(now: Date): string {
  return new Date(now.getTime() - 10 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
