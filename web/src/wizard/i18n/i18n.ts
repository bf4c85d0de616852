/**
 * The wizard's languages, through i18next: the catalogs (en.ts, es.ts), the field names from the
 * field table (so `fields.vin` is the table's label in the chosen language), and which language
 * to start in: the one the draft remembers, else the one chosen earlier in this browser, else the
 * browser's own language.
 */
import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ENROLLMENT_FIELDS } from '../../../../src/shared/enrollment-fields.js';
import { INDUSTRY_LABELS, isLanguage, type Language } from '../../../../src/shared/field-labels.js';
import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import type { Translate } from '../../../../src/shared/validation-messages.js';
import { en } from './en.js';
import { es } from './es.js';

export type { Language };
export { isLanguage };

const STORAGE_KEY = 'byov.language';

function namesIn(language: Language) {
  const fields: Record<string, string> = {};
  for (const field of ENROLLMENT_FIELDS) fields[field.key] = language === 'es' ? field.spanishLabel : field.label;
  for (const [key, slot] of Object.entries(UPLOAD_SLOTS)) {
    fields[key] = language === 'es' ? slot.spanishLabel : slot.label;
  }
  const industries = Object.fromEntries(
    Object.entries(INDUSTRY_LABELS).map(([code, names]) => [code, names[language]]),
  );
  return { fields, industries };
}

function readStoredLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language to open in before any draft is known. */
export function preferredLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  if (typeof navigator === 'undefined') return 'en';
  const browser = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase();
  return browser.startsWith('es') ? 'es' : 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: preferredLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'es'],
  resources: {
    en: { translation: { ...en, ...namesIn('en') } },
    es: { translation: { ...es, ...namesIn('es') } },
  },
  // React escapes what it renders; the few messages with markup go through <Trans>.
  interpolation: { escapeValue: false },
  initAsync: false,
});

function applyToDocument(language: Language): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
}
applyToDocument(currentLanguage());

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/** Switches every screen at once and remembers the choice in this browser. */
export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be off (private mode): the choice then lasts for this page only.
  }
  void i18n.changeLanguage(language);
  applyToDocument(language);
}

/** The schema's message function in the current language. */
export const translateValidation: Translate = (key, values) => i18n.t(`validation.${key}`, values ?? {});

export function fieldName(key: string): string {
  return i18n.t(`fields.${key}`, { defaultValue: key });
}

export function industryName(code: string): string {
  return i18n.t(`industries.${code}`, { defaultValue: code });
}

export type T = TFunction;
export const t: TFunction = ((...args: Parameters<TFunction>) => i18n.t(...args)) as TFunction;
