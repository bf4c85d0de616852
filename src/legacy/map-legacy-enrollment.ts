import { INDUSTRIES, isRealIsoDate } from '../shared/enrollment.schema.js';
import { normalizeState } from '../shared/us-states.js';
import { checkVin, modelYearsForVin, normalizeVin } from '../shared/vin.js';
import type { LegacyEnrollment, LegacyValue } from './legacy-dataset.js';
import { convertLegacyTime, parseIndustries, text } from './legacy-values.js';
import { isTrue } from './read-legacy-sqlite.js';
import { flag, type ReviewFlag } from './review-flags.js';

export interface MapContext {
  timeZone: string;
  /** Import day (YYYY-MM-DD): documents expiring before it are flagged. */
  today: string;
  currentYear: number;
  /** Used when the earlier row has no usable submission time. */
  importedAt: string;
}

/** The columns of an enrollment that come from the earlier row. */
export interface MappedFields {
  tech_id: string;
  status: 'pending' | 'approved';
  full_name: string;
  district: string;
  state: string;
  referred_by: string | null;
  industries: string;
  email: string;
  vin: string;
  year: number;
  make: string;
  model: string;
  insurance_expiration: string;
  registration_expiration: string;
  comment: string | null;
  created_at: string;
  updated_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

export interface MappedEnrollment {
  fields: MappedFields;
  flags: ReviewFlag[];
  /** Timestamps read as wall-clock times in the chosen zone, and as instants with an offset. */
  timeBasis: { wallClock: number; offset: number };
}

const FIELD_CHECKS = [
  ['full_name', 'name_missing', 'No full name.'],
  ['district', 'district_missing', 'No district.'],
  ['make', 'make_missing', 'No vehicle make.'],
  ['model', 'model_missing', 'No vehicle model.'],
] as const;

/**
 * Maps one earlier row to this product's columns. Values are kept as they were; what breaks
 * today's rules is not corrected or dropped but listed as a review flag. Only the changes the
 * form itself makes to any input (trimming, upper-casing a tech ID or VIN) are applied.
 */
export function mapLegacyEnrollment(row: LegacyEnrollment, context: MapContext): MappedEnrollment {
  const flags: ReviewFlag[] = [];
  const timeBasis = { wallClock: 0, offset: 0 };
  const time = (value: LegacyValue) => {
    const converted = convertLegacyTime(value, context.timeZone);
    if (converted) timeBasis[converted.basis === 'offset' ? 'offset' : 'wallClock']++;
    return converted?.utc ?? null;
  };
  const submitted = time(row.submissionDate);
  if (!submitted) flags.push(flag('submission_date_missing', 'No readable submission time; the import time is used.'));
  const approved = isTrue(row.approved);
  const reviewedAt = approved ? time(row.approvedAt) : null;
  const createdAt = submitted ?? context.importedAt;
  const fields: MappedFields = {
    tech_id: mapTechId(row.techId, flags),
    status: approved ? 'approved' : 'pending',
    full_name: text(row.fullName) ?? '',
    district: text(row.district) ?? '',
    state: mapState(row.state, flags),
    referred_by: text(row.referredBy),
    industries: JSON.stringify(mapIndustries(row, flags)),
    email: '',
    vin: '',
    year: 0,
    make: text(row.make) ?? '',
    model: text(row.model) ?? '',
    insurance_expiration: mapExpiry(row.insuranceExp, 'insurance', context.today, flags),
    registration_expiration: mapExpiry(row.registrationExp, 'registration', context.today, flags),
    comment: text(row.comment),
    created_at: createdAt,
    updated_at: reviewedAt && reviewedAt > createdAt ? reviewedAt : createdAt,
    reviewed_at: reviewedAt,
    reviewed_by: approved ? (text(row.approvedBy) ?? 'earlier version') : null,
  };
  for (const [column, code, message] of FIELD_CHECKS) if (fields[column] === '') flags.push(flag(code, message));
  flags.push(flag('email_missing', 'No e-mail address: the earlier version did not ask for one.'));
  Object.assign(fields, mapVehicle(row, context.currentYear, flags));
  return { fields, flags, timeBasis };
}

function mapTechId(value: LegacyValue, flags: ReviewFlag[]): string {
  const techId = (text(value) ?? '').toUpperCase();
  if (techId === '') flags.push(flag('tech_id_missing', 'No tech ID.'));
  else if (!/^[A-Z0-9-]{1,20}$/.test(techId)) {
    flags.push(flag('tech_id_format', "The tech ID breaks today's rule: letters, digits and dashes, at most 20."));
  }
  return techId;
}

function mapState(value: LegacyValue, flags: ReviewFlag[]): string {
  const state = text(value) ?? '';
  if (state === '') {
    flags.push(flag('state_missing', 'No state.'));
    return state;
  }
  const code = normalizeState(state);
  if (code === undefined) flags.push(flag('state_unknown', `"${state}" is not one of the 50 states or DC.`));
  else if (state.toUpperCase() === code) return code;
  else
    flags.push(
      flag('state_full_name', `The state is written as a full name ("${state}"); today it is stored as ${code}.`),
    );
  return state;
}

function mapIndustries(row: LegacyEnrollment, flags: ReviewFlag[]): string[] {
  const industries = parseIndustries(row.industry, row.industries);
  const unknown = industries.filter((name) => !(INDUSTRIES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    flags.push(flag('industry_unknown', `Industries not offered today: ${unknown.join(', ')}.`));
  }
  return industries;
}

function mapVehicle(row: LegacyEnrollment, currentYear: number, flags: ReviewFlag[]) {
  const raw = text(row.vin) ?? '';
  const normalized = normalizeVin(raw);
  const check = raw === '' ? undefined : checkVin(normalized);
  if (!check) flags.push(flag('vin_missing', 'No VIN.'));
  else if (!check.ok) flags.push(flag('vin_invalid', `The VIN fails today's check: ${check.problem}`));
  const vin = check?.ok ? normalized : raw;
  const yearText = text(row.year) ?? '';
  if (!/^\d{4}$/.test(yearText)) {
    const shown = yearText === '' ? 'empty' : `"${yearText}"`;
    flags.push(flag('year_not_number', `The model year is ${shown}, not a four-digit number; stored as 0.`));
    return { vin, year: 0 };
  }
  const year = Number(yearText);
  if (year < 1981 || year > currentYear + 1) {
    flags.push(flag('year_out_of_range', `Model year ${year} is outside 1981-${currentYear + 1}.`));
  } else if (check?.ok) {
    const candidates = modelYearsForVin(vin);
    if (candidates.length > 0 && !candidates.includes(year)) {
      flags.push(flag('year_vin_mismatch', `The VIN says model year ${candidates.join(' or ')}, not ${year}.`));
    }
  }
  return { vin, year };
}

function mapExpiry(value: LegacyValue, what: 'insurance' | 'registration', today: string, flags: ReviewFlag[]): string {
  const label = what === 'insurance' ? 'Insurance' : 'Registration';
  const raw = text(value) ?? '';
  // Python's date.isoformat(), possibly followed by a time from a PostgreSQL export.
  const date = /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : raw;
  if (!isRealIsoDate(date)) {
    const shown = raw === '' ? 'missing' : `"${raw}", not a date`;
    flags.push(flag(`${what}_date_invalid`, `${label} expiration is ${shown}.`));
    return raw;
  }
  if (date < today) flags.push(flag(`${what}_expired`, `${label} expired on ${date}.`));
  return date;
}
