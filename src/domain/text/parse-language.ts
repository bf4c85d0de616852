import { AppError } from '../../errors.js';
import { isLanguage, LANGUAGES, type Language } from '../../shared/field-labels.js';

/** `en` or `es`; absent means English, anything else is refused. */
export function parseLanguage(value: unknown): Language {
  if (value === undefined || value === null || value === '') return 'en';
  if (isLanguage(value)) return value;
  throw new AppError('VALIDATION_FAILED', `The language must be one of: ${LANGUAGES.join(', ')}.`, {
    field: 'language',
  });
}
