import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.js';
import { useWizardActions } from '../state/store.js';

const MESSAGES = {
  invalid: 'A resume code has 10 letters and digits, like ABCDE-FGHJK.',
  'not-found': 'No enrollment was found for that code. It may have expired or already been submitted.',
} as const;

/** "Started on another device?": switches this browser to the draft behind a code. */
export function ResumeForm() {
  const actions = useWizardActions();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const outcome = await actions.resumeWith(code);
      setError(outcome === 'resumed' ? null : MESSAGES[outcome]);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'The enrollment could not be loaded. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="resume-form">
      <summary>Started on another device? Resume with a code</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="resume-code-input">Resume code</label>
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
              {busy ? 'Loading…' : 'Resume'}
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
