/**
 * The onboarding checklist: one checkbox per task, with who ticked it and when, and a progress
 * bar. A tick shows at once and is saved at once; the server's answer (with its own who and
 * when) then replaces it, and a refused save puts the box back as it was. A task whose e-mail
 * has recipients (Settings, checklist e-mails) offers "Send", which queues that e-mail.
 */
import { useState } from 'react';
import { ApiError, type ChecklistState, sendChecklistTaskEmail, setChecklistTask } from '../api.js';
import { formatDateTime } from '../format.js';

interface Props {
  enrollmentId: string;
  state: ChecklistState;
  disabled: boolean;
  onChange(state: ChecklistState): void;
  /** A task's e-mail was queued (the history has a new event). */
  onSent?(): void;
}

export function ChecklistPanel({ enrollmentId, state, disabled, onChange, onSent }: Props) {
  /** Ticks on their way to the server, shown before the answer arrives. */
  const [saving, setSaving] = useState<{ key: string; done: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const { done, total } = state.checklistProgress;

  const send = async (key: string, label: string) => {
    setError(null);
    setSent(null);
    try {
      const queued = await sendChecklistTaskEmail(enrollmentId, key);
      setSent(`“${label}” e-mail queued to ${queued.recipients} recipient${queued.recipients === 1 ? '' : 's'}.`);
      onSent?.();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The e-mail could not be queued.');
    }
  };

  const tick = async (key: string, on: boolean) => {
    setSaving({ key, done: on });
    setError(null);
    try {
      onChange(await setChecklistTask(enrollmentId, key, on));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The task could not be saved.');
    } finally {
      setSaving(null);
    }
  };

  return (
    <section aria-labelledby="checklist-heading" className="panel">
      <h2 id="checklist-heading">Onboarding checklist</h2>
      <div className="checklist-progress">
        <progress
          id="checklist-progress"
          max={Math.max(total, 1)}
          value={done}
          aria-labelledby="checklist-progress-text"
        />
        <p id="checklist-progress-text" data-testid="checklist-progress">
          {done} of {total} tasks done{total > 0 && done === total ? ' · all done' : ''}
        </p>
      </div>
      {disabled ? <p className="muted">Restore the enrollment to change its checklist.</p> : null}
      <ul className="checklist">
        {state.checklist.map((task) => (
          <li key={task.key} className={task.completedAt ? 'done' : undefined}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={saving?.key === task.key ? saving.done : task.completedAt !== null}
                disabled={disabled || saving !== null}
                aria-describedby={task.completedAt ? `task-${task.key}-done` : undefined}
                onChange={(event) => void tick(task.key, event.target.checked)}
              />
              <span className="task-label">{task.label}</span>
            </label>
            {task.email ? (
              <button
                type="button"
                className="button secondary small"
                disabled={disabled}
                aria-label={`Send the “${task.label}” e-mail`}
                onClick={() => void send(task.key, task.label)}
              >
                Send
              </button>
            ) : null}
            {task.completedAt ? (
              <p id={`task-${task.key}-done`} className="task-done muted">
                Done by {task.completedBy ?? 'unknown'} on {formatDateTime(task.completedAt)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p role="status" data-testid="checklist-sent">
        {sent}
      </p>
      <p role="alert" className="field-error">
        {error}
      </p>
    </section>
  );
}
