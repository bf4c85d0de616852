/**
 * Everything a component may ask the wizard to do, in one object: answer a question, move
 * between steps, upload, sign, submit. Components never talk to the API directly.
 */

import { type Language, setLanguage } from '../i18n/i18n.js';
import type { WizardStore } from '../state/store.js';
import type { SignatureState, TextField } from '../state/types.js';
import { LAST_STEP, type StepIndex, stepIndex } from '../step-list.js';
import { validateStep } from '../validation/validate-step.js';
import { forgetConfirmation } from './confirmation-store.js';
import { DraftSession, type ResumeOutcome } from './draft-session.js';
import { pushStep, stepFromHistory } from './history.js';
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
  /** Leaves the start screen for step 1. */
  begin(): void;
  setLanguage(language: Language): void;
  /** Forgets a shown confirmation, for a new enrollment in this tab. */
  startOver(): void;
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

/**
 * Each step is a history entry (`?step=<id>`), so the browser's and Android's Back and Forward
 * move between steps instead of leaving the wizard; the start screen is the entry before step 1.
 */
function createNavigation(store: WizardStore, session: DraftSession, uploads: UploadService) {
  const show = (step: StepIndex) => {
    const from = store.getState().step;
    if (from === step) return;
    // The signature is stored when the technician leaves its step, so it is never half-drawn.
    if (from === POLICY_STEP) void uploads.syncSignature();
    store.dispatch({ type: 'stepChanged', step });
    void session.saveNow();
  };
  const moveTo = (step: StepIndex) => {
    if (store.getState().step === step) return;
    show(step);
    pushStep(step);
  };
  window.addEventListener('popstate', (event) => {
    const state = store.getState();
    if (state.phase !== 'ready') return;
    const step = stepFromHistory(event.state);
    if (step === null) {
      // Back past step 1: the start screen again (the answers stay; Start returns to them).
      store.dispatch({ type: 'introShown', shown: true });
      return;
    }
    if (state.intro) store.dispatch({ type: 'introShown', shown: false });
    show(step);
  });
  return {
    begin() {
      store.dispatch({ type: 'introShown', shown: false });
      pushStep(store.getState().step);
    },
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
  const uploads = new UploadService(store, () => session.ensureDraft());
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
    setLanguage(language) {
      setLanguage(language);
      session.languageChanged();
    },
    startOver() {
      forgetConfirmation();
      window.location.assign('/');
    },
    submit: createSubmit(store, session, uploads),
    uploads,
  };
}
