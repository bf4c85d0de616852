import { AppError } from '../../errors.js';
import type { PolicyLibrary } from './policy-library.js';

/**
 * The policy the technician must read in full before signing, for a state given by code or name,
 * with the version and SHA-256 that will be recorded with the signature.
 */
export function readPolicy(policies: PolicyLibrary, state: unknown) {
  if (typeof state !== 'string' || state.trim() === '') {
    throw new AppError('VALIDATION_FAILED', 'Choose your state to see its policy.', { field: 'state' });
  }
  const policy = policies.forState(state);
  return {
    templateId: policy.id,
    version: policy.version,
    title: policy.title,
    text: policy.text,
    sha256: policy.sha256,
  };
}
