/**
 * How the enrollment's fields and upload slots are named to people (e-mails, the wizard's change
 * requests), in the technician's language. The names themselves live in the field table
 * (enrollment-fields.ts) and the upload slots (upload-slots.ts): this only looks them up.
 */
import { ENROLLMENT_FIELDS } from './enrollment-fields.js';
import { UPLOAD_SLOTS } from './upload-slots.js';

/** The languages a technician may choose; the admin pages stay English. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** What each stored industry code means, in the words technicians use. */
export const INDUSTRY_LABELS: Readonly<Record<string, { en: string; es: string }>> = {
  Cook: { en: 'Cooking', es: 'Cocinas' },
  Dish: { en: 'Dishwashers', es: 'Lavavajillas' },
  Laundry: { en: 'Laundry', es: 'Lavandería' },
  Micro: { en: 'Microwaves', es: 'Microondas' },
  Ref: { en: 'Refrigeration', es: 'Refrigeración' },
  HVAC: { en: 'HVAC', es: 'Climatización (HVAC)' },
  'L&G': { en: 'Lawn & garden', es: 'Césped y jardín' },
};

export function industryLabel(code: string, language: Language = 'en'): string {
  return INDUSTRY_LABELS[code]?.[language] ?? code;
}

/** A field's or upload slot's name; an unknown key is shown as it is. */
export function fieldLabel(field: string, language: Language = 'en'): string {
  const definition = ENROLLMENT_FIELDS.find((candidate) => candidate.key === field);
  if (definition) return language === 'es' ? definition.spanishLabel : definition.label;
  const slot = UPLOAD_SLOTS[field];
  if (slot) return language === 'es' ? slot.spanishLabel : slot.label;
  return field;
}
