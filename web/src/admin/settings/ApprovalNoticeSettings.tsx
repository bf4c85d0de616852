/**
 * The approval notification (the earlier "Approval Notifications" tab): on or off, who gets
 * it, which fields of the enrollment and which documents it carries, and its subject, with a
 * preview the server renders from the form as it stands.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ENROLLMENT_FIELDS } from '../../../../src/shared/enrollment-fields.js';
import {
  ApiError,
  type ApprovalDocument,
  getApprovalNoticeSettings,
  type MailPreview,
  previewApprovalNotice,
  type ApprovalNoticeSettings as Settings,
  saveApprovalNoticeSettings,
} from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { useResource } from '../use-resource.js';
import { addressList, MailPreviewPane } from './MailPreviewPane.js';

const SECTIONS = [
  ['technician', 'Technician'],
  ['vehicle', 'Vehicle'],
  ['documents', 'Documents'],
  ['policy', 'Policy'],
] as const;
const DOCUMENTS: [ApprovalDocument, string][] = [
  ['signed_policy', 'Signed policy PDF'],
  ['photos', 'Vehicle photos'],
  ['insurance', 'Insurance card'],
  ['registration', 'Registration'],
];
const CHOOSABLE = ENROLLMENT_FIELDS.filter((field) => field.type !== 'consent');

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

function ApprovalForm({ initial }: { initial: Settings }) {
  const [form, setForm] = useState<Settings>(initial);
  const [recipients, setRecipients] = useState(initial.recipients.join('\n'));
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    setForm(initial);
    setRecipients(initial.recipients.join('\n'));
  }, [initial]);
  // Fields keep the table's order, whatever order they were ticked in.
  const current = (): Settings => ({
    ...form,
    recipients: addressList(recipients),
    fields: CHOOSABLE.map((f) => f.key).filter((key) => form.fields.includes(key)),
  });
  const run = async (action: 'save' | 'preview') => {
    try {
      if (action === 'preview') {
        setPreview(await previewApprovalNotice(current()));
        setStatus(null);
      } else {
        const saved = await saveApprovalNoticeSettings(current());
        setForm(saved);
        setStatus('Approval notification saved.');
        setPreview(await previewApprovalNotice(saved));
      }
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : 'The approval notification could not be saved.');
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('save');
  };
  return (
    <form onSubmit={submit}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
        />
        Send a notification when an enrollment is approved
      </label>
      <div className="field">
        <label htmlFor="approval-recipients">Recipients (one address per line)</label>
        <textarea
          id="approval-recipients"
          rows={3}
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
        />
      </div>
      <fieldset>
        <legend>Fields to include</legend>
        {SECTIONS.map(([section, title]) => (
          <div key={section} className="field-group">
            <h3>{title}</h3>
            {CHOOSABLE.filter((field) => field.section === section).map((field) => (
              <label key={field.key} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.fields.includes(field.key)}
                  onChange={(event) =>
                    setForm({ ...form, fields: toggle(form.fields, field.key, event.target.checked) })
                  }
                />
                {field.label}
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Documents to attach</legend>
        {DOCUMENTS.map(([key, label]) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              checked={form.documents.includes(key)}
              onChange={(event) => setForm({ ...form, documents: toggle(form.documents, key, event.target.checked) })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="approval-subject">Subject</label>
        <input
          id="approval-subject"
          value={form.subject}
          maxLength={300}
          onChange={(event) => setForm({ ...form, subject: event.target.value })}
        />
        <p className="muted">
          Placeholders: {'{program} {name} {techId} {reference} {district} {state} {year} {make} {model}'}
        </p>
      </div>
      <div className="button-row">
        <button type="submit" className="button primary">
          Save approval notification
        </button>
        <button type="button" className="button secondary" onClick={() => void run('preview')}>
          Preview
        </button>
      </div>
      <p role="status" data-testid="approval-settings-status">
        {status}
      </p>
      {preview ? <MailPreviewPane preview={preview} title="Approval notification preview" /> : null}
    </form>
  );
}

export function ApprovalNoticeSettings() {
  const settings = useResource(getApprovalNoticeSettings, 'approval-notice-settings');
  return (
    <section aria-labelledby="approval-settings-heading" className="panel">
      <h2 id="approval-settings-heading">Approval notification</h2>
      <ErrorNotice error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <ApprovalForm initial={settings.data} />
      ) : settings.loading ? (
        <Loading what="approval notification settings" />
      ) : null}
    </section>
  );
}
