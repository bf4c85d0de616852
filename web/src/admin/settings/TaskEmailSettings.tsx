/**
 * E-mails of the checklist tasks: for each task, who gets it, its subject and opening text,
 * whether it attaches the signed policy, goes out on approval and ticks the task once
 * delivered. The HR policy e-mail is the "signed policy sent to HR" task's.
 */
import { type FormEvent, useEffect, useState } from 'react';
import {
  ApiError,
  getChecklistSettings,
  getTaskEmailSettings,
  type MailPreview,
  previewTaskEmail,
  type TaskEmailSettings as Settings,
  saveTaskEmailSettings,
  type TaskEmail,
} from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { useResource } from '../use-resource.js';
import { addressList, MailPreviewPane } from './MailPreviewPane.js';

const BLANK: TaskEmail = {
  recipients: [],
  subject: '[{program}] {task}: {name} (Tech ID {techId})',
  intro: '',
  attachSignedPolicy: false,
  onApproval: false,
  completesTask: false,
};

type Draft = TaskEmail & { recipientText: string };

const FLAGS: [keyof Pick<TaskEmail, 'attachSignedPolicy' | 'onApproval' | 'completesTask'>, string][] = [
  ['attachSignedPolicy', 'Attach the signed policy PDF'],
  ['onApproval', 'Send when the enrollment is approved'],
  ['completesTask', 'Tick the task when the e-mail is delivered'],
];

function TaskEmailEditor(props: { taskKey: string; label: string; draft: Draft; onChange(draft: Draft): void }) {
  const { taskKey, label, draft, onChange } = props;
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = (part: string) => `task-email-${taskKey}-${part}`;
  const show = async () => {
    try {
      const { recipientText, ...email } = draft;
      setPreview(await previewTaskEmail(label, { ...email, recipients: addressList(recipientText) }));
      setError(null);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The preview could not be made.');
    }
  };
  const count = addressList(draft.recipientText).length;
  return (
    <details className="task-email" data-task={taskKey}>
      <summary>
        {label}{' '}
        <span className="muted">({count === 0 ? 'no e-mail' : `${count} recipient${count === 1 ? '' : 's'}`})</span>
      </summary>
      <div className="field">
        <label htmlFor={id('recipients')}>Recipients of “{label}” (one address per line)</label>
        <textarea
          id={id('recipients')}
          rows={2}
          value={draft.recipientText}
          onChange={(e) => onChange({ ...draft, recipientText: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id('subject')}>Subject</label>
        <input
          id={id('subject')}
          value={draft.subject}
          onChange={(e) => onChange({ ...draft, subject: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={id('intro')}>Opening text</label>
        <textarea
          id={id('intro')}
          rows={3}
          value={draft.intro}
          onChange={(e) => onChange({ ...draft, intro: e.target.value })}
        />
        <p className="muted">Placeholders: {'{program} {task} {name} {techId} {reference} {district} {state}'}</p>
      </div>
      {FLAGS.map(([flag, text]) => (
        <label key={flag} className="checkbox">
          <input
            type="checkbox"
            checked={draft[flag]}
            onChange={(e) => onChange({ ...draft, [flag]: e.target.checked })}
          />
          {text}
        </label>
      ))}
      <button type="button" className="button secondary small" onClick={() => void show()}>
        Preview
      </button>
      <p role="alert" className="field-error">
        {error}
      </p>
      {preview ? <MailPreviewPane preview={preview} title={`${label} e-mail preview`} /> : null}
    </details>
  );
}

function TaskEmailForm({ tasks, initial }: { tasks: { key: string; label: string }[]; initial: Settings }) {
  const toDrafts = (settings: Settings) =>
    Object.fromEntries(
      [...new Set([...tasks.map((t) => t.key), ...Object.keys(settings.tasks)])].map((key) => {
        const email = settings.tasks[key] ?? BLANK;
        return [key, { ...email, recipientText: email.recipients.join('\n') }];
      }),
    ) as Record<string, Draft>;
  const [drafts, setDrafts] = useState(() => toDrafts(initial));
  const [status, setStatus] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer from the server resets the form
  useEffect(() => setDrafts(toDrafts(initial)), [initial]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = Object.entries(drafts).filter(
      ([key, d]) => initial.tasks[key] !== undefined || addressList(d.recipientText).length > 0,
    );
    try {
      const saved = await saveTaskEmailSettings({
        tasks: Object.fromEntries(
          chosen.map(([key, { recipientText, ...email }]) => [
            key,
            { ...email, recipients: addressList(recipientText) },
          ]),
        ),
      });
      setDrafts(toDrafts(saved));
      setStatus('Checklist e-mails saved.');
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : 'The checklist e-mails could not be saved.');
    }
  };
  return (
    <form onSubmit={(event) => void save(event)}>
      {tasks.map((task) =>
        drafts[task.key] ? (
          <TaskEmailEditor
            key={task.key}
            taskKey={task.key}
            label={task.label}
            draft={drafts[task.key] as Draft}
            onChange={(draft) => setDrafts((all) => ({ ...all, [task.key]: draft }))}
          />
        ) : null,
      )}
      <button type="submit" className="button primary">
        Save task e-mails
      </button>
      <p role="status" data-testid="task-email-status">
        {status}
      </p>
    </form>
  );
}

export function TaskEmailSettings() {
  const checklist = useResource(getChecklistSettings, 'checklist-settings');
  const settings = useResource(getTaskEmailSettings, 'task-email-settings');
  return (
    <section aria-labelledby="task-email-heading" className="panel">
      <h2 id="task-email-heading">Checklist e-mails</h2>
      <p className="muted">
        A task with recipients offers “Send” on the enrollment page. The HR policy e-mail is the signed-policy task’s.
      </p>
      <ErrorNotice error={settings.error ?? checklist.error} onRetry={settings.reload} />
      {settings.data && checklist.data ? (
        <TaskEmailForm tasks={checklist.data.tasks} initial={settings.data} />
      ) : settings.loading || checklist.loading ? (
        <Loading what="checklist e-mails" />
      ) : null}
    </section>
  );
}
