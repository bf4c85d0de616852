/**
 * The wizard frame: progress, the current step, Back/Next, save status and the resume code.
 * Focus moves to the step heading when the step changes, and to the first invalid field
 * when Next or Submit is refused, so keyboard and screen-reader users always know where they are.
 */

import { type FormEvent, type ReactElement, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangeRequestBanner } from './components/ChangeRequest.js';
import { ErrorSummary } from './components/ErrorSummary.js';
import { fieldId } from './components/fields.js';
import { ProgressSteps } from './components/ProgressSteps.js';
import { ResumeForm } from './components/ResumeForm.js';
import { ResumePanel } from './components/ResumePanel.js';
import { SaveStatus } from './components/SaveStatus.js';
import { useWizardActions, useWizardState } from './state/store.js';
import type { ErrorKey, FieldErrors } from './state/types.js';
import { LAST_STEP, STEPS, type StepIndex } from './step-list.js';
import { DocumentsStep } from './steps/DocumentsStep.js';
import { PolicyStep } from './steps/PolicyStep.js';
import { ReviewStep } from './steps/ReviewStep.js';
import { TechnicianStep } from './steps/TechnicianStep.js';
import { VehicleStep } from './steps/VehicleStep.js';

const STEP_BODIES: Record<StepIndex, () => ReactElement> = {
  0: TechnicianStep,
  1: VehicleStep,
  2: DocumentsStep,
  3: PolicyStep,
  4: ReviewStep,
};

/** Runs `effect` when `value` changes, but not on the first render. */
function useOnChange<T>(value: T, effect: () => void): void {
  const previous = useRef(value);
  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    previous.current = value;
    effect();
  });
}

function Notice() {
  const { notice } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <div className="notice" role="status">
      <p>{notice}</p>
      <button type="button" className="button link small" onClick={actions.dismissNotice}>
        {t('nav.dismiss')}
      </button>
    </div>
  );
}

function StepNavigation() {
  const { step, submitting } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  return (
    <div className="step-nav">
      {step > 0 ? (
        <button type="button" className="button secondary" onClick={actions.goBack} disabled={submitting}>
          {t('nav.back')}
        </button>
      ) : (
        <span />
      )}
      {step < LAST_STEP ? (
        <button type="submit" className="button primary">
          {t('nav.next')}
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={submitting} aria-disabled={submitting}>
          {submitting ? t('nav.submitting') : t('nav.submit')}
        </button>
      )}
    </div>
  );
}

/** The errors of the last refused Next or Submit that are still there. */
function summaryErrors(errors: FieldErrors, keys: readonly ErrorKey[]): FieldErrors {
  return Object.fromEntries(keys.filter((key) => errors[key] !== undefined).map((key) => [key, errors[key]]));
}

export function Wizard() {
  const { step, errors, summaryKeys, errorAttempt, resumeCode } = useWizardState();
  const actions = useWizardActions();
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const StepBody = STEP_BODIES[step];

  useOnChange(step, () => headingRef.current?.focus());
  // Declared after the step effect so that, when both fire, the invalid field wins focus.
  useOnChange(errorAttempt, () => {
    const first = Object.keys(errors)[0] as ErrorKey | undefined;
    const field = first && first !== 'form' ? document.getElementById(fieldId(first)) : null;
    (field ?? summaryRef.current)?.focus();
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (step === LAST_STEP) void actions.submit();
    else actions.goNext();
  };

  return (
    <>
      <ChangeRequestBanner />
      <ProgressSteps current={step} />
      <Notice />
      {step === 0 ? <ResumeForm /> : null}
      <form className="step" onSubmit={onSubmit} noValidate aria-labelledby="step-heading">
        <div className="step-header">
          <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
            {t(STEPS[step]?.title ?? '')}
          </h2>
          <SaveStatus />
        </div>
        <ErrorSummary errors={summaryErrors(errors, summaryKeys)} ref={summaryRef} />
        <StepBody />
        <StepNavigation />
      </form>
      {resumeCode ? <ResumePanel code={resumeCode} /> : null}
    </>
  );
}
