import { STEPS, type StepIndex } from '../step-list.js';

/** Where the technician is: done steps ticked, the current one marked with aria-current. */
export function ProgressSteps({ current }: { current: StepIndex }) {
  return (
    <nav className="progress" aria-label="Enrollment progress">
      <p className="progress-count">
        Step {current + 1} of {STEPS.length}
      </p>
      <ol>
        {STEPS.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.title}
              className={`progress-step ${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="progress-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="progress-label">
                {step.title}
                {state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
