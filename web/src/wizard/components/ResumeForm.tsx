import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { useWizardActions } from '../state/store.js';

const MESSAGES = { invalid: 'resume.invalid', 'not-found': 'resume.notFound' } as const;

/** "Started on another device?": switches this browser to the draft behind a code. */
export function ResumeForm() {
  const actions = useWizardActions();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const outcome = await actions.resumeWith(code);
      setError(outcome === 'resumed' ? null : t(MESSAGES[outcome]));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('resume.loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="resume-form">
      <summary>{t('resume.formSummary')}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="resume-code-input">{t('resume.formLabel')}</label>
          <div className="inline-input">
            <input
              id="resume-code-input"
              type="text"
              value={code}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="ABCDE-FGHJK"
              maxLength={16}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'resume-code-error' : undefined}
              onChange={(event) => setCode(event.target.value)}
            />
            <button type="submit" className="button secondary" disabled={busy}>
              {busy ? t('resume.formLoading') : t('resume.formButton')}
            </button>
          </div>
          <p id="resume-code-error" className="field-error" aria-live="polite">
            {error}
          </p>
        </div>
      </form>
    </details>
  );
}
