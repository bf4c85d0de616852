/**
 * The subject and opening text of each message the product sends, with the placeholders that
 * message knows, a preview, and a way back to the built-in text.
 */
import { type FormEvent, useEffect, useState } from 'react';
import {
  ApiError,
  getTemplateSettings,
  type MailPreview,
  type MessageTexts,
  previewTemplate,
  saveTemplateSettings,
  type TemplateSettings,
} from '../api.js';
import { ErrorNotice, Loading } from '../components/Notices.js';
import { useResource } from '../use-resource.js';
import { MailPreviewPane } from './MailPreviewPane.js';

function TemplatesForm({ initial, onSaved }: { initial: TemplateSettings; onSaved(s: TemplateSettings): void }) {
  const kinds = Object.keys(initial.defaults);
  const [kind, setKind] = useState(kinds[0] ?? '');
  const [texts, setTexts] = useState<Record<string, MessageTexts>>(initial.templates);
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => setTexts(initial.templates), [initial]);
  const builtIn = initial.defaults[kind];
  const current = texts[kind] ?? builtIn ?? { subject: '', intro: '' };
  const edit = (change: Partial<MessageTexts>) => setTexts((all) => ({ ...all, [kind]: { ...current, ...change } }));
  const fail = (error: unknown, fallback: string) => setStatus(error instanceof ApiError ? error.message : fallback);
  const show = async () => {
    try {
      setPreview(await previewTemplate(kind, current));
      setStatus(null);
    } catch (error) {
      fail(error, 'The preview could not be made.');
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSaved(await saveTemplateSettings(texts));
      setStatus('Message texts saved.');
    } catch (error) {
      fail(error, 'The message texts could not be saved.');
    }
  };
  return (
    <form onSubmit={(event) => void save(event)}>
      <div className="field">
        <label htmlFor="template-kind">Message</label>
        <select
          id="template-kind"
          value={kind}
          onChange={(event) => {
            setKind(event.target.value);
            setPreview(null);
          }}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {initial.defaults[k]?.label ?? k}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="template-subject">Subject</label>
        <input
          id="template-subject"
          value={current.subject}
          maxLength={300}
          onChange={(e) => edit({ subject: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="template-intro">Opening text (empty for none)</label>
        <textarea
          id="template-intro"
          rows={3}
          value={current.intro}
          onChange={(e) => edit({ intro: e.target.value })}
        />
        <p className="muted">Placeholders: {builtIn?.placeholders.map((p) => `{${p}}`).join(' ')}</p>
      </div>
      <div className="button-row">
        <button type="submit" className="button primary">
          Save message texts
        </button>
        <button type="button" className="button secondary" onClick={() => void show()}>
          Preview
        </button>
        <button
          type="button"
          className="button link"
          onClick={() => builtIn && edit({ subject: builtIn.subject, intro: builtIn.intro })}
        >
          Use the built-in text
        </button>
      </div>
      <p role="status" data-testid="templates-status">
        {status}
      </p>
      {preview ? <MailPreviewPane preview={preview} title="Message preview" /> : null}
    </form>
  );
}

export function MessageTemplates() {
  const settings = useResource(getTemplateSettings, 'template-settings');
  return (
    <section aria-labelledby="templates-heading" className="panel">
      <h2 id="templates-heading">Message texts</h2>
      <ErrorNotice error={settings.error} onRetry={settings.reload} />
      {settings.data ? (
        <TemplatesForm initial={settings.data} onSaved={settings.setData} />
      ) : settings.loading ? (
        <Loading what="message texts" />
      ) : null}
    </section>
  );
}
