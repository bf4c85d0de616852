/**
 * The wizard's place in the browser history: one entry per step, named in the address
 * (`?step=vehicle`) so a shared or reloaded address is readable, and in the entry's state.
 */
import { clampStep, STEPS, type StepIndex } from '../step-list.js';

const PARAMETER = 'step';

function addressFor(step: StepIndex | null): string {
  const url = new URL(window.location.href);
  if (step === null) url.searchParams.delete(PARAMETER);
  else url.searchParams.set(PARAMETER, STEPS[step]?.id ?? 'technician');
  return `${url.pathname}${url.search}${url.hash}`;
}

export function pushStep(step: StepIndex): void {
  window.history.pushState({ wizardStep: step }, '', addressFor(step));
}

export function replaceStep(step: StepIndex | null): void {
  window.history.replaceState(step === null ? null : { wizardStep: step }, '', addressFor(step));
}

/** The step an entry stands for, or null for the entry before step 1 (the start screen). */
export function stepFromHistory(state: unknown): StepIndex | null {
  const step = (state as { wizardStep?: unknown } | null)?.wizardStep;
  return typeof step === 'number' ? clampStep(step) : null;
}
