/**
 * The words of the enrollment's validation messages, by key, in English: the server's answers
 * and the wizard's English catalog both use this table; the wizard's Spanish catalog gives the
 * same keys in Spanish. Placeholders are written `{{name}}`, as i18next interpolates them.
 *
 * Bundled into the browser: no imports beyond src/shared.
 */

export const VALIDATION_MESSAGES_EN = {
  required: '{{label}} is required.',
  wrongType: '{{label}} must be {{expected}}.',
  expectedText: 'text',
  expectedDate: 'a date',
  expectedNumber: 'a number, like 2019',
  tooLong: '{{label}} can be at most {{max}} characters.',
  realDate: 'Enter a real date as YYYY-MM-DD.',
  insuranceExpired: 'Your insurance has already expired: enter the date of a current policy.',
  registrationExpired: 'Your vehicle registration has already expired: enter the date of a current one.',
  techIdCharacters: 'Tech ID can contain only letters, digits and dashes.',
  state: 'Choose one of the 50 states or DC.',
  industryChoice: 'Choose industries from: {{choices}}.',
  industriesList: 'Industries must be a list.',
  industryOnce: 'Each industry can be chosen only once.',
  email: 'Enter a valid email address.',
  yearNumber: 'Enter the model year as a number, like 2019.',
  yearRange: 'Model year must be between {{first}} and {{last}}.',
  phoneCharacters: 'Phone can contain only digits, spaces and + - ( ) .',
  acknowledge: 'You must acknowledge the policy.',
  vinYearCode: 'The 10th character ({{code}}) is not a model-year code; a character was probably mistyped.',
  vinYearMismatch: 'The VIN says model year {{years}}, not {{year}}.',
  or: ' or ',
  vinLength: 'A VIN has {{expected}} characters; this one has {{count}}.',
  vinCharacters: 'A VIN contains only letters and digits; remove {{characters}}.',
  vinSpace: 'a space',
  vinForbiddenLetter:
    'This VIN contains the letter {{letters}}; I, O and Q are never used in VINs because they look like 1 and 0. It is most likely a 1 or a 0.',
  vinForbiddenLetters:
    'This VIN contains the letters {{letters}}; I, O and Q are never used in VINs because they look like 1 and 0. It is most likely a 1 or a 0.',
  vinCheckDigit:
    'The check digit (9th character) should be {{expected}} but is {{actual}} — a character was probably mistyped.',
} as const;

export type ValidationKey = keyof typeof VALIDATION_MESSAGES_EN;
export type ValidationValues = Readonly<Record<string, string | number>>;
/** Turns a message key and its values into the sentence shown to the person. */
export type Translate = (key: ValidationKey, values?: ValidationValues) => string;

/** The server's (and the default) wording: the English table with its placeholders filled. */
export const englishMessages: Translate = (key, values = {}) =>
  VALIDATION_MESSAGES_EN[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
