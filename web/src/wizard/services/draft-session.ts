/**
 * Keeps the server draft in step with the store: opens (or resumes) a draft when the wizard
 * starts, saves ~800 ms after typing stops and at once on a step change, and keeps retrying
 * while the network is down, so an answer typed is an answer kept.
 */
import { ApiError, createDraft, type Draft, getDraft, saveDraft } from '../api.js';
import { currentLanguage, isLanguage, setLanguage, t } from '../i18n/i18n.js';
import { valuesToDraftData } from '../state/draft-values.js';
import type { WizardStore } from '../state/store.js';
import { readConfirmation } from './confirmation-store.js';
import { replaceStep } from './history.js';
import {
  codeFromUrl,
  forgetStoredCode,
  normalizeResumeCode,
  readStoredCode,
  removeCodeFromUrl,
  storeCode,
} from './resume-code.js';

export const SAVE_DELAY_MS = 800;
const FIRST_RETRY_MS = 3_000;
const LONGEST_RETRY_MS = 30_000;

export type ResumeOutcome = 'resumed' | 'invalid' | 'not-found';

function describeStartFailure(error: unknown): string {
  if (error instanceof ApiError && !error.isNetwork) return error.message;
  return t('app.unreachable');
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.isNotFound;
}

export class DraftSession {
  /** What the server holds: the answers' version and the step of the last successful save. */
  private saved = { version: -1, step: -1, language: '' };
  private seenVersion = -1;
  private inFlight: Promise<boolean> | null = null;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = FIRST_RETRY_MS;
  private stopped = false;
  private adopting = false;
  private creating: Promise<string> | null = null;

  constructor(private readonly store: WizardStore) {
    store.subscribe(() => this.onStoreChange());
    window.addEventListener('online', () => void this.saveNow());
  }

  /**
   * Resumes the draft named in the link or in localStorage; otherwise shows the start screen
   * without creating anything: the draft is created with the first answer (or file) given.
   */
  async start(): Promise<void> {
    const confirmation = readConfirmation();
    if (confirmation) {
      this.stop();
      this.store.dispatch({ type: 'confirmationRestored', confirmation });
      return;
    }
    try {
      await this.openFirstDraft();
    } catch (error) {
      this.store.dispatch({ type: 'startFailed', message: describeStartFailure(error) });
    }
  }

  /** Switches to the draft behind a code the technician typed. Throws ApiError on other failures. */
  async resumeWith(input: string): Promise<ResumeOutcome> {
    const code = normalizeResumeCode(input);
    if (!code) return 'invalid';
    try {
      this.adopt(await getDraft(code));
      return 'resumed';
    } catch (error) {
      if (isNotFound(error)) return 'not-found';
      throw error;
    }
  }

  /** Saves whatever is unsaved; resolves true once the server holds the latest answers. */
  saveNow(): Promise<boolean> {
    clearTimeout(this.debounce);
    if (this.stopped) return Promise.resolve(false);
    this.inFlight ??= this.runSaves().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Stops saving for good (after submit, when the draft no longer exists). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.debounce);
    clearTimeout(this.retry);
  }

  /** The draft's code, creating the draft first when nothing has been saved yet. */
  async ensureDraft(): Promise<string> {
    const existing = this.store.getState().resumeCode;
    if (existing) return existing;
    this.creating ??= createDraft()
      .then((draft) => {
        storeCode(draft.resumeCode);
        this.store.dispatch({ type: 'draftCreated', resumeCode: draft.resumeCode });
        return draft.resumeCode;
      })
      .finally(() => {
        this.creating = null;
      });
    return this.creating;
  }

  private async openFirstDraft(): Promise<void> {
    const fromUrl = codeFromUrl();
    const code = fromUrl ?? readStoredCode();
    const normalized = code === null ? null : normalizeResumeCode(code);
    if (normalized) {
      try {
        this.adopt(await getDraft(normalized));
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    let notice: string | null = null;
    if (code !== null) {
      forgetStoredCode();
      removeCodeFromUrl();
      notice = fromUrl ? t('resume.codeNotFound') : t('resume.draftGone');
    }
    // A fresh start has nothing to save until the first answer.
    this.adopting = true;
    try {
      this.store.dispatch({ type: 'freshStart', notice });
    } finally {
      this.adopting = false;
    }
    const { valuesVersion, step } = this.store.getState();
    this.saved = { version: valuesVersion, step, language: currentLanguage() };
    this.seenVersion = valuesVersion;
    replaceStep(null);
  }

  /** The language is part of the draft: a change is saved like an answer. */
  languageChanged(): void {
    if (this.store.getState().resumeCode) void this.saveNow();
  }

  private adopt(draft: Draft, notice: string | null = null): void {
    storeCode(draft.resumeCode);
    removeCodeFromUrl();
    // The draft remembers the language its technician chose, on any device.
    if (isLanguage(draft.language) && draft.language !== currentLanguage()) setLanguage(draft.language);
    // Loading answers is not typing them: the autosave must not treat them as a change.
    this.adopting = true;
    try {
      this.store.dispatch({ type: 'draftLoaded', draft, notice });
    } finally {
      this.adopting = false;
    }
    const state = this.store.getState();
    this.saved = { version: state.valuesVersion, step: state.step, language: currentLanguage() };
    this.seenVersion = state.valuesVersion;
    replaceStep(state.step);
  }

  private onStoreChange(): void {
    const state = this.store.getState();
    if (this.adopting || this.stopped || state.phase !== 'ready' || state.valuesVersion === this.seenVersion) return;
    this.seenVersion = state.valuesVersion;
    if (state.save.status !== 'offline') this.store.dispatch({ type: 'saveStatusChanged', status: 'saving' });
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.saveNow(), SAVE_DELAY_MS);
  }

  private isDirty(): boolean {
    const state = this.store.getState();
    return (
      state.valuesVersion !== this.saved.version ||
      state.step !== this.saved.step ||
      (state.resumeCode !== null && currentLanguage() !== this.saved.language)
    );
  }

  /** Saves until nothing is dirty; changes made while a save is in flight go in the next one. */
  private async runSaves(): Promise<boolean> {
    let mayRecreate = true;
    while (this.isDirty() && !this.stopped) {
      this.store.dispatch({ type: 'saveStatusChanged', status: 'saving' });
      try {
        await this.saveOnce();
      } catch (error) {
        if (!(await this.handleSaveFailure(error, mayRecreate))) return false;
        mayRecreate = false;
      }
    }
    clearTimeout(this.retry);
    this.retryDelay = FIRST_RETRY_MS;
    if (!this.stopped) this.store.dispatch({ type: 'saveStatusChanged', status: 'saved' });
    return true;
  }

  private async saveOnce(): Promise<void> {
    const state = this.store.getState();
    const attempt = { version: state.valuesVersion, step: state.step, language: currentLanguage() };
    // Nothing typed yet: moving between steps alone does not create a draft.
    if (!state.resumeCode && state.valuesVersion === 0) {
      this.saved = attempt;
      return;
    }
    const code = await this.ensureDraft();
    await saveDraft(code, state.step, valuesToDraftData(state.values), currentLanguage());
    this.saved = attempt;
  }

  /** Reports the failure; true when the save should be tried again at once. */
  private async handleSaveFailure(error: unknown, mayRecreate: boolean): Promise<boolean> {
    if (isNotFound(error) && mayRecreate) {
      try {
        await this.recreate();
        return true;
      } catch (recreateError) {
        return this.handleSaveFailure(recreateError, false);
      }
    }
    if (error instanceof ApiError && !error.isNetwork) {
      this.store.dispatch({ type: 'saveStatusChanged', status: 'failed', message: error.message });
    } else {
      this.store.dispatch({ type: 'saveStatusChanged', status: 'offline' });
      this.scheduleRetry();
    }
    return false;
  }

  /** A draft that disappeared mid-session has expired: carry the answers into a new one. */
  private async recreate(): Promise<void> {
    const draft = await createDraft();
    storeCode(draft.resumeCode);
    this.store.dispatch({ type: 'draftRecreated', draft, notice: t('resume.expiredWhileWorking') });
  }

  private scheduleRetry(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.saveNow(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, LONGEST_RETRY_MS);
  }
}
