import { AppError } from '../../errors.js';
import { parseLanguage } from '../text/parse-language.js';
import type { PolicyLibrary } from './policy-library.js';

/**
 * The policy the technician must read in full before signing, for a state given by code or name,
 * in their language when the company supplies it (`language` says which one it is), with the
 * version and SHA-256 that will be recorded with the signature.
 */
export function readPolicy(policies: PolicyLibrary, state: unknown, language: unknown = 'en') {
  if (typeof state !== 'string' || state.trim() === '') {
    throw new AppError('VALIDATION_FAILED', 'Choose your state to see its policy.', { field: 'state' });
  }
  const policy = policies.forState(state, parseLanguage(language));
  return {
    templateId: policy.id,
    version: policy.version,
    title: policy.title,
    text: policy.text,
    sha256: policy.sha256,
    language: policy.language,
  };
}
