/**
 * Everything a component may ask the wizard to do, in one object: answer a question, move
 * between steps, upload, sign, submit. Components never talk to the API directly.
 */
import type { WizardStore } from '../state/store.js';
import type { SignatureState, TextField } from '../state/types.js';
import { LAST_STEP, type StepIndex, stepIndex } from '../step-list.js';
import { validateStep } from '../validation/validate-step.js';
import { DraftSession, type ResumeOutcome } from './draft-session.js';
import { createSubmit } from './submission.js';
import { UploadService } from './uploads.js';
import { createVinLookup } from './vin-lookup.js';

const POLICY_STEP = stepIndex('policy');

export interface WizardActions {
  start(): Promise<void>;
  resumeWith(code: string): Promise<ResumeOutcome>;
  setValue(field: TextField, value: string): void;
  setIndustries(industries: string[]): void;
  setAcknowledged(acknowledged: boolean): void;
  policyShown(sha256: string): void;
  changeSignature(changes: Partial<Omit<SignatureState, 'revision' | 'uploadedRevision'>>): void;
  goNext(): void;
  goBack(): void;
  /** Jumps back to an earlier step (from the review); later steps are reached with Next. */
  goToStep(step: StepIndex): void;
  dismissNotice(): void;
  submit(): Promise<void>;
  uploads: UploadService;
}

/** Leaving while a file uploads or an answer is being saved would lose it: ask first. */
function guardUnload(store: WizardStore): void {
  window.addEventListener('beforeunload', (event) => {
    const state = store.getState();
    const uploading = state.uploads.some((upload) => upload.status !== 'failed');
    if (state.phase === 'ready' && (uploading || state.save.status === 'saving')) event.preventDefault();
  });
}

function createNavigation(store: WizardStore, session: DraftSession, uploads: UploadService) {
  const moveTo = (step: StepIndex) => {
    const from = store.getState().step;
    if (from === step) return;
    // The signature is stored when the technician leaves its step, so it is never half-drawn.
    if (from === POLICY_STEP) void uploads.syncSignature();
    store.dispatch({ type: 'stepChanged', step });
    void session.saveNow();
  };
  return {
    goNext() {
      const state = store.getState();
      const errors = validateStep(state.step, state);
      if (Object.keys(errors).length > 0) store.dispatch({ type: 'errorsShown', errors });
      else moveTo(Math.min(state.step + 1, LAST_STEP) as StepIndex);
    },
    goBack() {
      const { step } = store.getState();
      if (step > 0) moveTo((step - 1) as StepIndex);
    },
    goToStep(step: StepIndex) {
      if (step <= store.getState().step) moveTo(step);
    },
  };
}

export function createWizardActions(store: WizardStore): WizardActions {
  const session = new DraftSession(store);
  const uploads = new UploadService(store);
  const vin = createVinLookup(store);
  guardUnload(store);
  return {
    start: () => session.start(),
    resumeWith: (code) => session.resumeWith(code),
    setValue(field, value) {
      store.dispatch({ type: 'valueChanged', field, value });
      if (field === 'vin') vin.onVinChanged(value);
    },
    setIndustries: (industries) => store.dispatch({ type: 'industriesChanged', industries }),
    setAcknowledged: (acknowledged) => store.dispatch({ type: 'acknowledgementChanged', acknowledged }),
    policyShown: (sha256) => store.dispatch({ type: 'policyShown', sha256 }),
    changeSignature: (changes) => store.dispatch({ type: 'signatureChanged', changes }),
    ...createNavigation(store, session, uploads),
    dismissNotice: () => store.dispatch({ type: 'noticeDismissed' }),
    submit: createSubmit(store, session, uploads),
    uploads,
  };
}
