/**
 * Submitting the draft: everything is checked and flushed to the server first, a second tap
 * while one is in flight does nothing, and a refusal lands on the field (and step) it is about.
 */
import { ApiError, submitDraft } from '../api.js';
import { t } from '../i18n/i18n.js';
import type { WizardStore } from '../state/store.js';
import type { EnrollmentField, ErrorKey } from '../state/types.js';
import { stepOfField } from '../step-list.js';
import { findFirstInvalidStep } from '../validation/validate-step.js';
import { keepConfirmation } from './confirmation-store.js';
import type { DraftSession } from './draft-session.js';
import { replaceStep } from './history.js';
import { forgetStoredCode } from './resume-code.js';
import type { UploadService } from './uploads.js';

/** Server fields that are not form fields, shown where the technician can act on them. */
const FIELD_ALIASES: Record<string, ErrorKey> = {
  policy: 'policyAcknowledged',
  policySha256: 'policyAcknowledged',
  data: 'form',
};

/** Server errors name a field like `industries.0`; the first segment is the form field. */
function errorKeyOf(field: string | undefined): ErrorKey {
  const key = field?.split('.')[0];
  if (!key) return 'form';
  return FIELD_ALIASES[key] ?? (key as EnrollmentField);
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ApiError && error.isNotFound) {
    return t('submit.alreadySubmitted');
  }
  return error instanceof Error ? error.message : t('submit.failed');
}

function showFailure(store: WizardStore, error: unknown): void {
  if (error instanceof ApiError && error.field) {
    const key = errorKeyOf(error.field);
    // The policy changed (or the state did): it must be read and accepted again.
    if (key === 'policyAcknowledged') store.dispatch({ type: 'acknowledgementChanged', acknowledged: false });
    store.dispatch({ type: 'errorsShown', errors: { [key]: error.message }, step: stepOfField(key) });
    return;
  }
  store.dispatch({ type: 'errorsShown', errors: { form: describeFailure(error) } });
}

/** Makes sure the server holds the latest answers and signature before submitting them. */
async function flushEverything(store: WizardStore, session: DraftSession, uploads: UploadService): Promise<void> {
  await uploads.syncSignature();
  const { signature } = store.getState();
  if (signature.revision !== signature.uploadedRevision) {
    throw new ApiError(0, 'NETWORK', t('signature.notUploaded'), 'signature');
  }
  if (!(await session.saveNow())) {
    throw new Error(t('submit.notSaved'));
  }
}

export function createSubmit(store: WizardStore, session: DraftSession, uploads: UploadService) {
  let inFlight = false;
  return async function submit(): Promise<void> {
    const state = store.getState();
    if (inFlight || state.submitting || !state.resumeCode) return;
    const invalid = findFirstInvalidStep(state);
    if (invalid) {
      store.dispatch({ type: 'errorsShown', errors: invalid.errors, step: invalid.step });
      return;
    }
    inFlight = true;
    store.dispatch({ type: 'submitStarted' });
    try {
      await flushEverything(store, session, uploads);
      const latest = store.getState();
      // The hash of the policy read lets the server refuse a signature given to another text.
      const policySha256 = latest.policyShown ?? undefined;
      const result = await submitDraft(latest.resumeCode ?? '', browserTimeZone(), policySha256);
      session.stop();
      forgetStoredCode();
      const email = latest.values.email.trim().toLowerCase();
      const confirmation = { ...result, email };
      keepConfirmation(confirmation);
      // The confirmation replaces the review in the history: Back does not reopen a sent form.
      replaceStep(null);
      store.dispatch({ type: 'submitted', confirmation });
    } catch (error) {
      store.dispatch({ type: 'submitFailed' });
      showFailure(store, error);
    } finally {
      inFlight = false;
    }
  };
}
