/**
 * The enrollment form's rules, shared by the server and the web client so both reject the
 * same things with the same words. Which fields there are, and what they are called, is the
 * field table beside it (enrollment-fields.ts). Only zod and pure domain modules may be imported here,
 * because this file is bundled into the browser.
 */
import { z } from 'zod';
import { normalizeState } from './us-states.js';
import { checkVin, modelYearsForVin, normalizeVin } from './vin.js';

export const INDUSTRIES = ['Cook', 'Dish', 'Laundry', 'Micro', 'Ref', 'HVAC', 'L&G'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface EnrollmentSchemaOptions {
  /** The submission date as YYYY-MM-DD; documents expiring before it are refused. */
  today: string;
  /** Bounds the model year: next year's models go on sale during the current one. */
  currentYear: number;
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
function typeError(label: string, expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be ${expected}.`;
}

function requiredText(label: string, max: number) {
  return z
    .string({ error: typeError(label, 'text') })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} can be at most ${max} characters.`);
}

/** Blank answers to optional questions are stored as absent rather than as empty strings. */
function optionalText(label: string, max: number, pattern?: { regex: RegExp; message: string }) {
  let text = z
    .string({ error: typeError(label, 'text') })
    .trim()
    .max(max, `${label} can be at most ${max} characters.`);
  if (pattern) text = text.regex(pattern.regex, pattern.message);
  return text.transform((value) => (value === '' ? undefined : value)).optional();
}

function expiryDate(label: string, today: string) {
  return z
    .string({ error: typeError(label, 'a date') })
    .trim()
    .refine(isRealIsoDate, { message: 'Enter a real date as YYYY-MM-DD.', abort: true })
    .refine((value) => value >= today, 'This document has already expired.');
}

function techIdField() {
  return requiredText('Tech ID', 20)
    .regex(/^[A-Za-z0-9-]+$/, 'Tech ID can contain only letters, digits and dashes.')
    .toUpperCase();
}

function stateField() {
  const message = 'Choose one of the 50 states or DC.';
  return z.string({ error: message }).transform((value, ctx) => {
    const code = normalizeState(value);
    if (code === undefined) ctx.issues.push({ code: 'custom', message, input: value });
    return code ?? value;
  });
}

function industriesField() {
  const choices = INDUSTRIES.join(', ');
  return z
    .array(z.enum(INDUSTRIES, { error: `Choose industries from: ${choices}.` }), {
      error: 'Industries must be a list.',
    })
    .refine((list) => new Set(list).size === list.length, 'Each industry can be chosen only once.')
    .default([]);
}

function emailField() {
  const message = 'Enter a valid email address.';
  return z
    .string({ error: typeError('Email', 'text') })
    .trim()
    .toLowerCase()
    .min(1, 'Email is required.')
    .max(MAX_EMAIL_LENGTH, `Email can be at most ${MAX_EMAIL_LENGTH} characters.`)
    .pipe(z.email({ error: message }));
}

function vinField() {
  return z
    .string({ error: typeError('VIN', 'text') })
    .transform(normalizeVin)
    .superRefine((vin, ctx) => {
      const result = checkVin(vin);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.problem });
    });
}

/** Form fields arrive as strings, so "2019" counts as a year; "", "12.5" or "abc" do not. */
function yearField(currentYear: number) {
  const lastYear = currentYear + 1;
  const notANumber = 'Enter the model year as a number, like 2019.';
  return z
    .union([z.number(), z.string()], { error: typeError('Model year', 'a number, like 2019') })
    .transform((value) => {
      if (typeof value === 'number') return value;
      const trimmed = value.trim();
      return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    })
    .pipe(
      z
        .number({ error: notANumber })
        .int(notANumber)
        .min(FIRST_MODEL_YEAR, `Model year must be between ${FIRST_MODEL_YEAR} and ${lastYear}.`)
        .max(lastYear, `Model year must be between ${FIRST_MODEL_YEAR} and ${lastYear}.`),
    );
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
  const phonePattern = {
    regex: /^[0-9 +\-().]*$/,
    message: 'Phone can contain only digits, spaces and + - ( ) .',
  };
  return z
    .strictObject(
      {
        fullName: requiredText('Full name', 100),
        techId: techIdField(),
        district: requiredText('District', 40),
        state: stateField(),
        referredBy: optionalText('Referred by', 100),
        industries: industriesField(),
        email: emailField(),
        phone: optionalText('Phone', 30, phonePattern),
        vin: vinField(),
        year: yearField(options.currentYear),
        make: requiredText('Make', 40),
        model: requiredText('Model', 60),
        color: optionalText('Color', 30),
        plate: optionalText('Plate', 15),
        insuranceProvider: optionalText('Insurance provider', 100),
        insurancePolicyNumber: optionalText('Insurance policy number', 60),
        insuranceExpiration: expiryDate('Insurance expiration', options.today),
        registrationExpiration: expiryDate('Registration expiration', options.today),
        comment: optionalText('Comment', 500),
        policyAcknowledged: z.literal(true, { error: 'You must acknowledge the policy.' }),
      },
      { error: unknownKeyMessage },
    )
    .superRefine(checkYearMatchesVin, {
      // Compare only once both fields are individually valid; other fields' errors don't matter.
      when: vinAndYearAreValid,
    });
}

function checkYearMatchesVin(value: { vin: string; year: number }, ctx: z.RefinementCtx): void {
  const candidates = modelYearsForVin(value.vin);
  if (candidates.length === 0) {
    const code = value.vin.charAt(9);
    ctx.addIssue({
      code: 'custom',
      path: ['vin'],
      message: `The 10th character (${code}) is not a model-year code; a character was probably mistyped.`,
    });
    return;
  }
  if (!candidates.includes(value.year)) {
    ctx.addIssue({
      code: 'custom',
      path: ['year'],
      message: `The VIN says model year ${candidates.join(' or ')}, not ${value.year}.`,
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
