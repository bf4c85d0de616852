/**
 * Vehicle Identification Number rules (ISO 3779 with the North-American check digit).
 *
 * Everything here is pure so the same checks run in the browser and on the server. Messages
 * never repeat the VIN itself: it identifies a person's car, so it must not end up in logs or
 * error reports through a validation message. Naming one character or position is fine.
 */

import { englishMessages, type Translate } from './validation-messages.js';

export type VinCheck = { ok: true } | { ok: false; problem: string };

const VIN_LENGTH = 17;
const CHECK_DIGIT_INDEX = 8;
const MODEL_YEAR_INDEX = 9;
const RESTRAINT_CODE_INDEX = 6;

/** I, O and Q are excluded from VINs because they are too easily read as 1 and 0. */
const FORBIDDEN_LETTERS = ['I', 'O', 'Q'] as const;

const POSITION_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * Letter values from the standard: the alphabet is split into runs starting at A, J and S,
 * each counting up from 1 (S starts at 2). I, O and Q have no value because they never occur.
 */
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

/**
 * Year codes repeat every 30 years. The first cycle starts at 1980; U, Z and 0 are skipped
 * on top of the forbidden letters so a year code is never confused with another field.
 */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const FIRST_CYCLE_START = 1980;
const CYCLE_LENGTH = 30;

/** Only surrounding whitespace and case are forgiven; anything else is the user's to fix. */
export function normalizeVin(input: string): string {
  return input.trim().toUpperCase();
}

function characterValue(character: string): number | undefined {
  if (character >= '0' && character <= '9') return Number(character);
  return LETTER_VALUES[character];
}

/**
 * The expected 9th character for a 17-character VIN made of valid characters.
 * Throws on input `checkVin` would reject, because a check digit of garbage is meaningless.
 */
export function computeCheckDigit(vin: string): string {
  const normalized = normalizeVin(vin);
  if (normalized.length !== VIN_LENGTH) {
    throw new Error(`A VIN has ${VIN_LENGTH} characters; this one has ${normalized.length}.`);
  }
  let sum = 0;
  for (let index = 0; index < VIN_LENGTH; index += 1) {
    const character = normalized.charAt(index);
    const value = characterValue(character);
    if (value === undefined) {
      throw new Error(`Position ${index + 1} holds "${character}", which cannot appear in a VIN.`);
    }
    sum += value * (POSITION_WEIGHTS[index] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

function lengthProblem(vin: string, t: Translate): string | undefined {
  if (vin.length === VIN_LENGTH) return undefined;
  return t('vinLength', { expected: VIN_LENGTH, count: vin.length });
}

function characterSetProblem(vin: string, t: Translate): string | undefined {
  const invalid = [...new Set(vin.replace(/[A-Z0-9]/g, ''))];
  if (invalid.length === 0) return undefined;
  const shown = invalid.map((character) => (character === ' ' ? t('vinSpace') : `"${character}"`));
  return t('vinCharacters', { characters: shown.join(', ') });
}

function forbiddenLetterProblem(vin: string, t: Translate): string | undefined {
  const found = FORBIDDEN_LETTERS.filter((letter) => vin.includes(letter));
  if (found.length === 0) return undefined;
  return t(found.length === 1 ? 'vinForbiddenLetter' : 'vinForbiddenLetters', { letters: found.join(', ') });
}

function checkDigitProblem(vin: string, t: Translate): string | undefined {
  const expected = computeCheckDigit(vin);
  const actual = vin.charAt(CHECK_DIGIT_INDEX);
  if (expected === actual) return undefined;
  return t('vinCheckDigit', { expected, actual });
}

/** Validates a VIN (normalised first), reporting the first rule it breaks in the words of `t`. */
export function checkVin(vin: string, t: Translate = englishMessages): VinCheck {
  const normalized = normalizeVin(vin);
  const problem =
    lengthProblem(normalized, t) ??
    characterSetProblem(normalized, t) ??
    forbiddenLetterProblem(normalized, t) ??
    checkDigitProblem(normalized, t);
  return problem === undefined ? { ok: true } : { ok: false, problem };
}

/**
 * Both model years the 10th character can stand for, ascending; empty when the character is
 * not a year code (or the VIN is too short to have one).
 */
export function modelYearsForVin(vin: string): number[] {
  const code = normalizeVin(vin).charAt(MODEL_YEAR_INDEX);
  const offset = code === '' ? -1 : YEAR_CODES.indexOf(code);
  if (offset < 0) return [];
  const first = FIRST_CYCLE_START + offset;
  return [first, first + CYCLE_LENGTH];
}

/**
 * The model year most likely meant, using the North-American passenger-vehicle convention: a
 * digit in position 7 means the 1980–2009 cycle, a letter means 2010–2039. Not every
 * manufacturer follows it, so callers that must accept a year should compare against
 * `modelYearsForVin` instead.
 */
export function likelyModelYear(vin: string): number | undefined {
  const candidates = modelYearsForVin(vin);
  const [earlier, later] = candidates;
  if (earlier === undefined || later === undefined) return undefined;
  const restraintCode = normalizeVin(vin).charAt(RESTRAINT_CODE_INDEX);
  if (restraintCode >= '0' && restraintCode <= '9') return earlier;
  if (restraintCode >= 'A' && restraintCode <= 'Z') return later;
  return undefined;
}
