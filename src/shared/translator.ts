/**
 * Message catalogs for the server (the e-mails to technicians, the signed PDF's acknowledgement
 * page), through i18next as in the wizard (so the package is one the browser has too): whole
 * sentences with named values, plurals by the language's own rules, and English wherever a
 * Spanish entry is missing. Values are inserted as given; the mail layout and the PDF writer
 * escape or draw them as text themselves.
 */
import i18next, { type TFunction } from 'i18next';
import type { Language } from './field-labels.js';

export type { TFunction };

/** A catalog: nested objects of message strings, `{{name}}` for values, `_one`/`_other` for plurals. */
export type Catalog = { readonly [key: string]: string | Catalog };

export function createTranslator(catalogs: { en: Catalog; es: Catalog }): (language: Language) => TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en', 'es'],
    resources: { en: { translation: catalogs.en }, es: { translation: catalogs.es } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = { en: instance.getFixedT('en'), es: instance.getFixedT('es') };
  return (language) => fixed[language] ?? fixed.en;
}
