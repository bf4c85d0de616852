import { useTranslation } from 'react-i18next';
import { STEPS, type StepIndex } from '../step-list.js';

/** Where the technician is: done steps ticked, the current one marked with aria-current. */
export function ProgressSteps({ current }: { current: StepIndex }) {
  const { t } = useTranslation();
  return (
    <nav className="progress" aria-label={t('progress.label')}>
      <p className="progress-count">{t('progress.count', { current: current + 1, total: STEPS.length })}</p>
      <ol>
        {STEPS.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.id}
              className={`progress-step ${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="progress-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="progress-label">
                <span className="progress-label-full">{t(step.title)}</span>
                <span className="progress-label-short" aria-hidden="true">
                  {t(`${step.title}Short`)}
                </span>
                {state === 'done' ? <span className="visually-hidden"> {t('progress.done')}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
