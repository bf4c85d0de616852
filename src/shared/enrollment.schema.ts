/**
 * The enrollment form's rules, shared by the server and the web client so both reject the
 * same things with the same words. Which fields there are, and what they are called, is the
 * field table beside it (enrollment-fields.ts). Only zod and pure domain modules may be imported here,
 * because this file is bundled into the browser.
 */
import { z } from 'zod';
import type { EnrollmentFieldKey } from './enrollment-fields.js';
import { normalizeState } from './us-states.js';
import { englishMessages, type Translate } from './validation-messages.js';
import { checkVin, modelYearsForVin, normalizeVin } from './vin.js';

export const INDUSTRIES = ['Cook', 'Dish', 'Laundry', 'Micro', 'Ref', 'HVAC', 'L&G'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface EnrollmentSchemaOptions {
  /** The submission date as YYYY-MM-DD; documents expiring before it are refused. */
  today: string;
  /** Bounds the model year: next year's models go on sale during the current one. */
  currentYear: number;
  /** The words of the messages; English (the server's) unless the wizard passes its language's. */
  translate?: Translate;
  /** How fields are named in the messages; the English names below unless given. */
  label?: (key: EnrollmentFieldKey, english: string) => string;
}

interface Words {
  t: Translate;
  label(key: EnrollmentFieldKey, english: string): string;
}

/**
 * 1981 is the first model year of the 17-character VIN with a check digit; older vehicles
 * cannot pass the VIN rules anyway, so accepting them would only produce a confusing error.
 */
const FIRST_MODEL_YEAR = 1981;
const MAX_EMAIL_LENGTH = 254;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for YYYY-MM-DD strings naming a day that exists (so no February 30th). */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Date.UTC rolls impossible days into the next month, which the round trip exposes.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Distinguishes a missing value from one of the wrong kind, which zod reports alike. */
function typeError(w: Words, label: string, expected: 'expectedText' | 'expectedDate' | 'expectedNumber') {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null
      ? w.t('required', { label })
      : w.t('wrongType', { label, expected: w.t(expected) });
}

function requiredText(w: Words, label: string, max: number) {
  return z
    .string({ error: typeError(w, label, 'expectedText') })
    .trim()
    .min(1, w.t('required', { label }))
    .max(max, w.t('tooLong', { label, max }));
}

/** Blank answers to optional questions are stored as absent rather than as empty strings. */
function optionalText(w: Words, label: string, max: number, pattern?: { regex: RegExp; message: string }) {
  let text = z
    .string({ error: typeError(w, label, 'expectedText') })
    .trim()
    .max(max, w.t('tooLong', { label, max }));
  if (pattern) text = text.regex(pattern.regex, pattern.message);
  return text.transform((value) => (value === '' ? undefined : value)).optional();
}

/** The expired message names its document, so two expired documents read as two problems. */
function expiryDate(w: Words, label: string, today: string, expired: 'insuranceExpired' | 'registrationExpired') {
  return z
    .string({ error: typeError(w, label, 'expectedDate') })
    .trim()
    .min(1, { message: w.t('required', { label }), abort: true })
    .refine(isRealIsoDate, { message: w.t('realDate'), abort: true })
    .refine((value) => value >= today, w.t(expired));
}

function techIdField(w: Words) {
  return requiredText(w, w.label('techId', 'Tech ID'), 20)
    .regex(/^[A-Za-z0-9-]+$/, w.t('techIdCharacters'))
    .toUpperCase();
}

function stateField(w: Words) {
  const message = w.t('state');
  return z.string({ error: message }).transform((value, ctx) => {
    const code = normalizeState(value);
    if (code === undefined) ctx.issues.push({ code: 'custom', message, input: value });
    return code ?? value;
  });
}

function industriesField(w: Words) {
  const choices = INDUSTRIES.join(', ');
  return z
    .array(z.enum(INDUSTRIES, { error: w.t('industryChoice', { choices }) }), {
      error: w.t('industriesList'),
    })
    .refine((list) => new Set(list).size === list.length, w.t('industryOnce'))
    .default([]);
}

function emailField(w: Words) {
  const message = w.t('email');
  const label = w.label('email', 'Email');
  return z
    .string({ error: typeError(w, label, 'expectedText') })
    .trim()
    .toLowerCase()
    .min(1, w.t('required', { label }))
    .max(MAX_EMAIL_LENGTH, w.t('tooLong', { label, max: MAX_EMAIL_LENGTH }))
    .pipe(z.email({ error: message }));
}

function vinField(w: Words) {
  return z
    .string({ error: typeError(w, 'VIN', 'expectedText') })
    .transform(normalizeVin)
    .superRefine((vin, ctx) => {
      const result = checkVin(vin, w.t);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.problem });
    });
}

/** Form fields arrive as strings, so "2019" counts as a year; "", "12.5" or "abc" do not. */
function yearField(w: Words, currentYear: number) {
  const lastYear = currentYear + 1;
  const notANumber = w.t('yearNumber');
  const range = w.t('yearRange', { first: FIRST_MODEL_YEAR, last: lastYear });
  return z
    .union([z.number(), z.string()], { error: typeError(w, w.label('year', 'Model year'), 'expectedNumber') })
    .transform((value) => {
      if (typeof value === 'number') return value;
      const trimmed = value.trim();
      return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    })
    .pipe(z.number({ error: notANumber }).int(notANumber).min(FIRST_MODEL_YEAR, range).max(lastYear, range));
}

function unknownKeyMessage(issue: { code?: string; keys?: readonly string[] }): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    return `Unknown field${issue.keys?.length === 1 ? '' : 's'}: ${issue.keys?.join(', ')}.`;
  }
  if (issue.code === 'invalid_type') return 'The enrollment must be sent as an object of fields.';
  return undefined;
}

/** The cross-field check needs an object whose VIN and year both passed their own rules. */
function vinAndYearAreValid(payload: {
  value: unknown;
  issues: readonly { path?: readonly PropertyKey[] }[];
}): boolean {
  if (typeof payload.value !== 'object' || payload.value === null || Array.isArray(payload.value)) return false;
  // An issue at the root (not an object of fields at all) leaves nothing to compare.
  return !payload.issues.some((issue) => !issue.path?.length || issue.path[0] === 'vin' || issue.path[0] === 'year');
}

export function makeEnrollmentSchema(options: EnrollmentSchemaOptions) {
  const w: Words = { t: options.translate ?? englishMessages, label: options.label ?? ((_, english) => english) };
  const l = w.label;
  const phonePattern = {
    regex: /^[0-9 +\-().]*$/,
    message: w.t('phoneCharacters'),
  };
  return z
    .strictObject(
      {
        fullName: requiredText(w, l('fullName', 'Full name'), 100),
        techId: techIdField(w),
        district: requiredText(w, l('district', 'District'), 40),
        state: stateField(w),
        referredBy: optionalText(w, l('referredBy', 'Referred by'), 100),
        industries: industriesField(w),
        email: emailField(w),
        phone: optionalText(w, l('phone', 'Phone'), 30, phonePattern),
        vin: vinField(w),
        year: yearField(w, options.currentYear),
        make: requiredText(w, l('make', 'Make'), 40),
        model: requiredText(w, l('model', 'Model'), 60),
        color: optionalText(w, l('color', 'Color'), 30),
        plate: optionalText(w, l('plate', 'Plate'), 15),
        insuranceProvider: optionalText(w, l('insuranceProvider', 'Insurance company'), 100),
        insurancePolicyNumber: optionalText(w, l('insurancePolicyNumber', 'Insurance policy number'), 60),
        insuranceExpiration: expiryDate(
          w,
          l('insuranceExpiration', 'Insurance expiration'),
          options.today,
          'insuranceExpired',
        ),
        registrationExpiration: expiryDate(
          w,
          l('registrationExpiration', 'Registration expiration'),
          options.today,
          'registrationExpired',
        ),
        comment: optionalText(w, l('comment', 'Comment'), 500),
        policyAcknowledged: z.literal(true, { error: w.t('acknowledge') }),
      },
      { error: unknownKeyMessage },
    )
    .superRefine((value, ctx) => checkYearMatchesVin(w, value, ctx), {
      // Compare only once both fields are individually valid; other fields' errors don't matter.
      when: vinAndYearAreValid,
    });
}

function checkYearMatchesVin(w: Words, value: { vin: string; year: number }, ctx: z.RefinementCtx): void {
  const candidates = modelYearsForVin(value.vin);
  if (candidates.length === 0) {
    const code = value.vin.charAt(9);
    ctx.addIssue({
      code: 'custom',
      path: ['vin'],
      message: w.t('vinYearCode', { code }),
    });
    return;
  }
  if (!candidates.includes(value.year)) {
    ctx.addIssue({
      code: 'custom',
      path: ['year'],
      message: w.t('vinYearMismatch', { years: candidates.join(w.t('or')), year: value.year }),
    });
  }
}

export type EnrollmentSchema = ReturnType<typeof makeEnrollmentSchema>;
export type EnrollmentInput = z.input<EnrollmentSchema>;
export type Enrollment = z.output<EnrollmentSchema>;
/** The name of one of the enrollment's fields, as the form, the API and the admin use it. */
export type EnrollmentField = keyof EnrollmentInput & string;

/**
 * The first problem as the server reports it. An unknown key is reported at the root by zod,
 * so the key itself is named as the field to point the client at the culprit.
 */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'The enrollment is not valid.' };
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && path.length === 0 && issue.keys[0] !== undefined) {
    path.push(issue.keys[0]);
  }
  return { field: path.join('.'), message: issue.message };
}
